package com.switchboard.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every call action's {@link ActionSpec}, found as a plain unit test finds it, without Spring: each concrete
 * {@link CallAction} class of this package and its {@code SPEC} constant.
 */
public final class ActionSpecs {

    private ActionSpecs() {
    }

    public static List<ActionSpec> all() {
        List<ActionSpec> specs = new ArrayList<>();
        for (Class<? extends CallAction> action : actionClasses()) {
            specs.add(specOf(action));
        }
        specs.sort(Comparator.comparing(ActionSpec::bean));
        return specs;
    }

    static List<Class<? extends CallAction>> actionClasses() {
        Path folder;
        try {
            folder = Path.of(CallAction.class.getResource("CallAction.class").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<? extends CallAction>> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(CallAction.class.getPackageName() + "." + name.replace(".class", ""));
                if (CallAction.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    actions.add(type.asSubclass(CallAction.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return actions;
    }

    static ActionSpec specOf(Class<? extends CallAction> action) {
        try {
            Field field = action.getDeclaredField("SPEC");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != ActionSpec.class) {
                throw new AssertionError(action.getSimpleName() + ".SPEC must be a static ActionSpec");
            }
            return (ActionSpec) field.get(null);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(action.getSimpleName() + " declares no SPEC: every action declares its contract once", e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
