package io.inferencegateway.cli.client;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether igw runs in a terminal: a progress bar is redrawn in place there, and a key is asked for without echo. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * Before JDK 22 a console exists only when stdin and stdout are a terminal; from 22 on it may exist anyway and
     * {@code Console.isTerminal()} tells (called by reflection: igw is built for JDK 21).
     */
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
