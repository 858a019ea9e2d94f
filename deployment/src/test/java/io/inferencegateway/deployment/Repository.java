package io.inferencegateway.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The repository the deployment files live in, and what its root pom says. */
final class Repository {

    /** The modules whose main sources define the variables the processes read (this module has none). */
    private static final String THIS_MODULE = "deployment";

    private static final Path ROOT = locateRoot();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        Path file = path(relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The root pom, read with a real XML parser (no external entities). */
    static Pom pom() {
        return Pom.read(path("pom.xml"));
    }

    /** The text of every main Java source file of the other modules. */
    static List<String> mainJavaSources() {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (module.getFileName().toString().equals(THIS_MODULE) || !Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        sources.add(Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Java sources under " + ROOT, e);
        }
        return sources;
    }

    private static Path locateRoot() {
        Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isRegularFile(root.resolve("Dockerfile"))) {
            throw new IllegalStateException("No repository root (pom.xml and Dockerfile) at " + root
                    + ": run the tests from the deployment module, or set -Drepository.root");
        }
        return root;
    }

    /** What the deployment files must agree with in the root pom. */
    record Pom(String version, List<String> modules, Document document) {

        static Pom read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder().parse(in);
                Element project = document.getDocumentElement();
                String version = childText(project, "version");
                List<String> modules = new ArrayList<>();
                Element moduleList = child(project, "modules");
                if (moduleList != null) {
                    for (Element module : children(moduleList, "module")) {
                        modules.add(module.getTextContent().strip());
                    }
                }
                return new Pom(version, List.copyOf(modules), document);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException(file + " is not well-formed XML: " + e.getMessage(), e);
            }
        }

        /** A property of {@code <properties>}, e.g. {@code kafka.version}. */
        String property(String name) {
            Element properties = child(document.getDocumentElement(), "properties");
            String value = properties == null ? null : childText(properties, name);
            if (value == null || value.isBlank()) {
                throw new AssertionError("pom.xml has no <properties><" + name + ">");
            }
            return value.strip();
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.getFirst();
        }

        private static String childText(Element parent, String name) {
            Element element = child(parent, name);
            return element == null ? null : element.getTextContent().strip();
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                if (node instanceof Element element && name.equals(element.getLocalName())) {
                    found.add(element);
                }
            }
            return found;
        }
    }
}
