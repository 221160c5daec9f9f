package com.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of the README's layout, checked on every build. */
@AnalyzeClasses(packages = "com.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule productionCodeNeverUsesTheEmulator = noClasses()
            .that().resideOutsideOfPackage("com.switchboard.emulator..")
            .should().dependOnClassesThat().resideInAPackage("com.switchboard.emulator..")
            .because("the emulator stands in for ACS and is reached only over HTTPS, like ACS");

    @ArchTest
    static final ArchRule onlyTheAcsPackageTouchesTheSdk = noClasses()
            .that().resideOutsideOfPackages("com.switchboard.acs..", "com.switchboard.emulator..")
            .should().dependOnClassesThat().resideInAPackage("com.azure.communication..")
            .because("acs is the one door to ACS");

    @ArchTest
    static final ArchRule callbacksDoNotKnowTheFlows = noClasses()
            .that().resideInAPackage("com.switchboard.callbacks..")
            .should().dependOnClassesThat().resideInAnyPackage("com.switchboard.correlation..",
                    "com.switchboard.actions..", "org.camunda..")
            .because("the webhook only authenticates, parses and stores; correlation delivers");

    @ArchTest
    static final ArchRule onlyTheEnginePackageUsesTheEngineInternals = noClasses()
            .that().resideOutsideOfPackage("com.switchboard.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.impl..",
                    "org.camunda.bpm.webapp.impl..")
            .because("the engine's internals are what a patch release or the Operaton fork breaks: one place to look");

    @ArchTest
    static final ArchRule onlyTheDatabasePackageUsesH2 = noClasses()
            .that().resideOutsideOfPackage("com.switchboard.database..")
            .should().dependOnClassesThat().resideInAPackage("org.h2..")
            .because("H2 is the embedded default, not the production database, and its internals change between releases");

    @ArchTest
    static final ArchRule theEnginePackageNeedsNoOtherPackage = noClasses()
            .that().resideInAPackage("com.switchboard.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("com.switchboard.actions..", "com.switchboard.acs..",
                    "com.switchboard.callbacks..", "com.switchboard.correlation..", "com.switchboard.incoming..",
                    "com.switchboard.security..", "com.switchboard.webhooks..", "com.switchboard.emulator..")
            .because("it offers the engine in Switchboard's terms and knows nothing of calls");

    @ArchTest
    static final ArchRule noSdkInternalsButTheSigner = noClasses()
            .that().doNotHaveFullyQualifiedName("com.switchboard.acs.AcsClientConfiguration")
            .should().dependOnClassesThat().resideInAPackage("com.azure..implementation..")
            .because("an SDK's implementation package changes without notice; the one exception is the SDK's own "
                    + "HMAC signer, which the pipeline must use so that requests are signed exactly as ACS checks them");

    @ArchTest
    static final ArchRule actionsGoThroughTheGateway = noClasses()
            .that().resideInAPackage("com.switchboard.actions..")
            .should().dependOnClassesThat().resideInAPackage("com.azure..");
}
