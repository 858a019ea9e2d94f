package io.inferencegateway.registry;

import io.inferencegateway.spi.AdaptorContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/** Turns adaptor class names from fixtures into constructors, failing early and precisely. */
public final class AdaptorClasses {

    private final ClassLoader loader;

    public AdaptorClasses(ClassLoader loader) {
        this.loader = loader;
    }

    public static AdaptorClasses ofContext() {
        return new AdaptorClasses(Thread.currentThread().getContextClassLoader());
    }

    /**
     * Checks that {@code className} names a concrete subclass of {@code kind} with a (definition, context) or a
     * (definition) constructor.
     */
    void check(FixtureSource source, String field, String className, Class<?> kind, Class<?> definitionType) {
        constructor(source, field, className, kind, definitionType);
    }

    /** The constructor the registry calls: (definition, {@link AdaptorContext}) if the class has one, else (definition). */
    <T> Constructor<? extends T> constructor(FixtureSource source, String field, String className, Class<T> kind,
                                             Class<?> definitionType) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw FixtureException.at(source, field, "class " + className + " not found on the classpath"
                    + (className.startsWith("resource_server_async.")
                    ? " (FIRST's Python adaptor names do not apply here: name a Java class, see docs/FIXTURES.md)"
                    : ""));
        }
        if (!kind.isAssignableFrom(type)) {
            throw FixtureException.at(source, field, "class " + className + " is not a " + kind.getName());
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw FixtureException.at(source, field, "class " + className + " must be public and not abstract");
        }
        try {
            return type.asSubclass(kind).getConstructor(definitionType, AdaptorContext.class);
        } catch (NoSuchMethodException e) {
            // The usual case: the adaptor needs nothing but its definition.
        }
        try {
            return type.asSubclass(kind).getConstructor(definitionType);
        } catch (NoSuchMethodException e) {
            throw FixtureException.at(source, field, "class " + className + " has no public constructor taking one "
                    + definitionType.getName());
        }
    }
}
