package com.switchboard.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The emulator's own layout (README, "The ACS emulator"): one folder per feature, no package cycle among them. */
@AnalyzeClasses(packages = "com.switchboard.emulator", importOptions = ImportOption.DoNotIncludeTests.class)
class EmulatorArchitectureTest {

    private static final String EMULATOR = "com.switchboard.emulator";

    /** The top package (the facade and its settings) is a slice of its own, and so is each folder under it. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(EMULATOR)) {
                return SliceIdentifier.of("emulator");
            }
            if (!name.startsWith(EMULATOR + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.substring(EMULATOR.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the emulator's packages";
        }
    };

    @ArchTest
    static final ArchRule noCycleBetweenTheEmulatorsPackages = slices().assignedFrom(PACKAGES)
        .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSharedVocabularyKnowsNoFeature = noClasses()
        .that().resideInAnyPackage(EMULATOR + ".model..", EMULATOR + ".http..")
        .should().dependOnClassesThat().resideInAnyPackage(EMULATOR, EMULATOR + ".telephony..",
            EMULATOR + ".calling..", EMULATOR + ".control..", EMULATOR + ".delivery..", EMULATOR + ".faults..",
            EMULATOR + ".spring..")
        .because("model/ (the ACS wire types) and http/ (the server's plumbing) are what every feature stands on");

    @ArchTest
    static final ArchRule onlySpringWiringKnowsSpringBootsStartUp = noClasses()
        .that().resideOutsideOfPackage(EMULATOR + ".spring..")
        .and().resideInAPackage(EMULATOR + "..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.env..",
            "org.springframework.context..", "org.springframework.boot.context.event..")
        .because("the emulator runs without Spring; spring/ starts it inside a Spring Boot application");
}
