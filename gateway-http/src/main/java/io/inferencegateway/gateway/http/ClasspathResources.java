package io.inferencegateway.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Files the server serves from its classpath (pages, WebJars), read once at start: a missing one stops the start. */
public final class ClasspathResources {

    private ClasspathResources() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a WebJar on the classpath ({@code org.webjars/swagger-ui}), which names its files' directory. */
    public static String webjarVersion(String groupAndArtifact) {
        Properties properties = new Properties();
        try (InputStream in = open("META-INF/maven/" + groupAndArtifact + "/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ClasspathResources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Missing from the classpath: " + name);
        }
        return in;
    }
}
