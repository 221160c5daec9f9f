package com.switchboard.security;

import java.beans.FeatureDescriptor;
import java.lang.reflect.AccessibleObject;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * First in the engine's expression resolvers: refuses what turns an expression into arbitrary code, reflection
 * ({@code ''.class}, {@code getClass()}, class loaders, {@code java.lang.reflect}), processes and threads, and the
 * engine's own services behind {@code execution} ({@code execution.processEngineServices}, which bypass every
 * authorization). It narrows what a diagram can do by mistake or malice; it is not a sandbox, and the README
 * says that deploying a diagram is running code.
 */
final class ExpressionGuard extends ELResolver {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("class", "getClass", "classLoader", "getClassLoader",
            "forName", "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
            "processEngineConfiguration", "getProcessEngineConfiguration", "runtime", "getRuntime", "exec");

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        check(base, property);
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] arguments) {
        check(base, method);
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        check(base, property);
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        check(base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        check(base, property);
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    private static void check(Object base, Object name) {
        if (base == null) {
            return;
        }
        if (name != null && FORBIDDEN_NAMES.contains(name.toString()) || forbidden(base)) {
            throw new ELException("Expressions in Switchboard flows may not use '" + name + "' on "
                    + base.getClass().getSimpleName() + ": no reflection, processes or engine internals");
        }
    }

    private static boolean forbidden(Object base) {
        return base instanceof Class<?> || base instanceof ClassLoader || base instanceof AccessibleObject
                || base instanceof Runtime || base instanceof ProcessBuilder || base instanceof Process
                || base instanceof Thread || base instanceof Module
                || base.getClass().getName().startsWith("org.camunda.bpm.impl.juel");
    }
}
