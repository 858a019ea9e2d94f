package io.inferencegateway.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code igw completion}: the bash (and zsh) completion script, made by picocli from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a bash completion script for igw (zsh reads it too, after 'autoload -U "
                + "bashcompinit && bashcompinit').",
                "Try it: source <(igw completion); or install it: igw completion > "
                        + "~/.local/share/bash-completion/completions/igw"})
final class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        System.out.print(AutoComplete.bash("igw", spec.root().commandLine()));
        System.out.flush();
    }
}
