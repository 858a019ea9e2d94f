package io.inferencegateway.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile as a list of instructions: comments dropped, continuation lines joined, grouped by stage. Enough
 * of the format for what the tests check, not a full BuildKit front end.
 */
final class Dockerfile {

    static final String FILE = "Dockerfile";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** One instruction: its keyword in upper case and the rest of the line. */
    record Instruction(String keyword, String arguments) {

        /** The arguments of the exec form ({@code ["a", "b"]}), or empty for the shell form. */
        List<String> execForm() {
            String text = arguments.strip();
            if (!text.startsWith("[")) {
                return List.of();
            }
            try {
                List<String> items = new ArrayList<>();
                for (JsonNode item : new ObjectMapper().readTree(text)) {
                    items.add(item.asText());
                }
                return items;
            } catch (IOException e) {
                throw new AssertionError("Not a JSON array in " + keyword + " " + text, e);
            }
        }

        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    /** A build stage: its FROM image (global ARGs substituted), name and instructions. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    private final List<String> lines;
    private final List<Stage> stages;

    private Dockerfile(List<String> lines, List<Stage> stages) {
        this.lines = lines;
        this.stages = stages;
    }

    static Dockerfile load() {
        String text = Repository.read(FILE);
        List<String> lines = text.lines().toList();
        List<Instruction> instructions = instructions(lines);
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        String image = null;
        String name = null;
        List<Instruction> current = null;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (current != null) {
                    stages.add(new Stage(image, name, List.copyOf(current)));
                }
                String[] words = instruction.arguments().strip().split("\\s+");
                int at = 0;
                while (words[at].startsWith("--")) {
                    at++;
                }
                image = substitute(words[at], globalArgs);
                name = words.length > at + 2 && words[at + 1].equalsIgnoreCase("AS") ? words[at + 2] : null;
                current = new ArrayList<>();
            } else if (current == null) {
                if (!instruction.keyword().equals("ARG")) {
                    throw new AssertionError(FILE + ": only ARG may come before the first FROM, found " + instruction);
                }
                String[] parts = instruction.arguments().strip().split("=", 2);
                globalArgs.put(parts[0].strip(), parts.length > 1 ? unquote(parts[1].strip()) : "");
            } else {
                current.add(instruction);
            }
        }
        if (current != null) {
            stages.add(new Stage(image, name, List.copyOf(current)));
        }
        if (stages.isEmpty()) {
            throw new AssertionError(FILE + " has no FROM");
        }
        return new Dockerfile(lines, List.copyOf(stages));
    }

    List<String> lines() {
        return lines;
    }

    List<Stage> stages() {
        return stages;
    }

    /** The stage the image is made of. */
    Stage finalStage() {
        return stages.getLast();
    }

    List<Instruction> all(String keyword) {
        return stages.stream().flatMap(s -> s.all(keyword).stream()).toList();
    }

    /** The variables set by ENV in the final stage, in both the {@code K=V ...} and the legacy {@code K V} form. */
    Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Instruction env : finalStage().all("ENV")) {
            String text = env.arguments().strip();
            if (!text.contains("=")) {
                String[] parts = text.split("\\s+", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
                continue;
            }
            Matcher matcher = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)").matcher(text);
            while (matcher.find()) {
                variables.put(matcher.group(1), unquote(matcher.group(2)));
            }
        }
        return variables;
    }

    private static List<Instruction> instructions(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        }
        if (!logical.isEmpty()) {
            throw new AssertionError(FILE + " ends inside a continued line: " + logical);
        }
        return instructions;
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = args.get(matcher.group(1));
            if (value == null) {
                throw new AssertionError(FILE + ": FROM " + text + " uses " + matcher.group(1)
                        + ", which no ARG before the first FROM sets");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
