using System.Text;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// Shell completion scripts generated from the verbs and their declared options, so completion
/// never drifts from the parser: verbs, each verb's options (with their one-letter aliases), the
/// words an option's value may be (<c>text|md|json</c>), folders for <c>DIR</c> values and files
/// for the rest. Load with <c>source &lt;(nvbench completion bash)</c> or
/// <c>source &lt;(nvbench completion zsh)</c>; both also complete an alias named like the tool.
/// </summary>
public static class CompletionScript
{
    /// <summary>The shells a script can be generated for.</summary>
    public static readonly string[] Shells = ["bash", "zsh"];

    /// <summary>The script for <paramref name="shell"/>.</summary>
    /// <param name="shell"><c>bash</c> or <c>zsh</c>.</param>
    /// <param name="toolName">The command being completed.</param>
    /// <param name="commands">The verbs.</param>
    /// <exception cref="UsageException">Another shell.</exception>
    public static string For(string shell, string toolName, IReadOnlyList<ICommand> commands) => shell switch
    {
        "bash" => Bash(toolName, commands),
        "zsh" => Zsh(toolName, commands),
        _ => throw new UsageException($"no completion for shell '{shell}'; shells: {string.Join(", ", Shells)}{Suggestion.DidYouMean(shell, Shells)}"),
    };

    /// <summary>A bash completion function for <paramref name="toolName"/> and its <c>complete</c> line.</summary>
    /// <param name="toolName">The command being completed.</param>
    /// <param name="commands">The verbs.</param>
    public static string Bash(string toolName, IReadOnlyList<ICommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        string function = "_" + Identifier(toolName);
        var text = new StringBuilder();
        text.Append($"# bash completion for {toolName}; load it with: source <({toolName} completion bash)\n");
        text.Append($"{function}() {{\n");
        text.Append("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        text.Append("    COMPREPLY=()\n");
        text.Append("    if [[ $COMP_CWORD -eq 1 ]]; then\n");
        text.Append($"        COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name))} help\" -- \"$cur\"))\n");
        text.Append("        return\n    fi\n");
        text.Append("    case \"${COMP_WORDS[1]}\" in\n");
        foreach (ICommand command in commands)
        {
            IReadOnlyList<OptionSpec> options = command.Options?.Options ?? [];
            text.Append($"    {command.Name})\n");
            text.Append("        case \"$prev\" in\n");
            foreach (OptionSpec option in options.Where(o => o.TakesValue))
            {
                string words = string.Join('|', Spellings(option));
                text.Append($"            {words}) {BashValue(option)}; return ;;\n");
            }

            text.Append("        esac\n");
            string all = string.Join(' ', options.SelectMany(Spellings).Append("--help"));
            text.Append("        if [[ \"$cur\" == -* ]]; then\n");
            text.Append($"            COMPREPLY=($(compgen -W \"{all}\" -- \"$cur\"))\n");
            text.Append("        else\n            COMPREPLY=($(compgen -f -- \"$cur\"))\n        fi\n        ;;\n");
        }

        text.Append("    help)\n");
        text.Append($"        COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name))}\" -- \"$cur\"))\n        ;;\n");
        text.Append("    esac\n}\n");
        text.Append($"complete -o filenames -F {function} {toolName}\n");
        return text.ToString();
    }

    /// <summary>A zsh completion function for <paramref name="toolName"/> and its <c>compdef</c> line.</summary>
    /// <param name="toolName">The command being completed.</param>
    /// <param name="commands">The verbs.</param>
    public static string Zsh(string toolName, IReadOnlyList<ICommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        string function = "_" + Identifier(toolName);
        var text = new StringBuilder();
        text.Append($"#compdef {toolName}\n");
        text.Append($"# zsh completion for {toolName}; load it with: source <({toolName} completion zsh)\n");
        text.Append("# (after compinit; or save it as _" + toolName + " in a folder of $fpath)\n");
        text.Append($"{function}() {{\n");
        text.Append("    local -a verbs\n    verbs=(\n");
        foreach (ICommand command in commands)
        {
            text.Append($"        {Quote(command.Name + ":" + ZshEscape(command.Summary, colons: true))}\n");
        }

        text.Append("    )\n");
        text.Append("    if (( CURRENT == 2 )); then\n        _describe -t verbs 'verb' verbs\n        return\n    fi\n");
        text.Append("    case $words[2] in\n");
        foreach (ICommand command in commands)
        {
            text.Append($"    {command.Name})\n        _arguments -s \\\n");
            foreach (OptionSpec option in command.Options?.Options ?? [])
            {
                text.Append($"            {Quote(ZshSpec(option))} \\\n");
            }

            text.Append("            '--help[print the help of this verb]' \\\n");
            text.Append("            '*:file:_files'\n        ;;\n");
        }

        text.Append("    help)\n        _describe -t verbs 'verb' verbs\n        ;;\n");
        text.Append("    esac\n}\n");
        text.Append($"compdef {function} {toolName}\n");
        return text.ToString();
    }

    private static IEnumerable<string> Spellings(OptionSpec option)
    {
        yield return "--" + option.Name;
        if (option.ShortName is { } c)
        {
            yield return "-" + c;
        }
    }

    private static string BashValue(OptionSpec option)
    {
        if (option.Choices.Count > 0)
        {
            return $"COMPREPLY=($(compgen -W \"{string.Join(' ', option.Choices)}\" -- \"$cur\"))";
        }

        return IsFolder(option) ? "COMPREPLY=($(compgen -d -- \"$cur\"))"
            : IsFile(option) ? "COMPREPLY=($(compgen -f -- \"$cur\"))"
            : "COMPREPLY=()";
    }

    private static string ZshSpec(OptionSpec option)
    {
        string description = ZshEscape(option.Description, colons: false);
        string repeat = option.Arity == OptionArity.Many || option.PassedThrough ? "*" : "";
        string names = option.ShortName is { } c ? $"{{-{c},--{option.Name}}}" : $"--{option.Name}";
        if (option.ShortName is not null && repeat.Length == 0)
        {
            names = $"(-{option.ShortName} --{option.Name})" + names;
        }

        if (!option.TakesValue)
        {
            return $"{repeat}{names}[{description}]";
        }

        string action = option.Choices.Count > 0
            ? $"({string.Join(' ', option.Choices)})"
            : IsFolder(option) ? "_files -/" : IsFile(option) ? "_files" : " ";
        string valueName = ZshEscape(option.ValueName ?? "value", colons: true);
        return $"{repeat}{names}[{description}]:{valueName}:{action}";
    }

    private static bool IsFolder(OptionSpec option) =>
        option.ValueName is "DIR" or "FOLDER" || option.Name.EndsWith("dir", StringComparison.OrdinalIgnoreCase)
        || option.Name is "out" or "artifacts";

    private static bool IsFile(OptionSpec option) => option.ValueName is "FILE" or "PATH";

    private static string ZshEscape(string text, bool colons)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            if (ch is '[' or ']' || (colons && ch == ':'))
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    // Single-quoted shell word; a quote inside ends the word, adds an escaped quote, reopens it.
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Identifier(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '_');
        }

        return sb.ToString();
    }
}
