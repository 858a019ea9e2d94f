package io.inferencegateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The classes of the production and dev modules on this module's test classpath, read once for every rule; test
 * classes are left out, so a test may use what production code must not.
 */
final class ProductionClasses {

    static final String ROOT = "io.inferencegateway";

    private ProductionClasses() {
    }

    static JavaClasses all() {
        return Imported.CLASSES;
    }

    /** Reading the class files takes seconds: the first rule that asks pays for it, the others share it. */
    private static final class Imported {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ROOT);
    }
}
