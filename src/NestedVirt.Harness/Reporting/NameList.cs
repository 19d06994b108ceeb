using System.Text;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// Benchmark names as <c>run --list</c> prints them, BenchmarkDotNet's two modes: <c>flat</c>,
/// one name per line, and <c>tree</c>, the names' <c>/</c>-separated parts as an ASCII tree
/// (as <c>tree --charset ascii</c> draws one, safe in mail).
/// </summary>
public static class NameList
{
    /// <summary>Formats <paramref name="names"/>.</summary>
    /// <param name="names">Benchmark names, in run order.</param>
    /// <param name="tree">True for the tree, false for the flat list.</param>
    /// <returns>Lines ending in <c>\n</c>.</returns>
    public static string Format(IEnumerable<string> names, bool tree)
    {
        ArgumentNullException.ThrowIfNull(names);
        var text = new StringBuilder();
        if (!tree)
        {
            foreach (string name in names)
            {
                text.Append(name).Append('\n');
            }

            return text.ToString();
        }

        var root = new Node();
        foreach (string name in names)
        {
            Node node = root;
            foreach (string part in name.Split('/'))
            {
                node = node.Child(part);
            }
        }

        foreach (Node top in root.Children)
        {
            text.Append(top.Name).Append('\n');
            Append(text, top, "");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, Node node, string indent)
    {
        for (int i = 0; i < node.Children.Count; i++)
        {
            bool last = i == node.Children.Count - 1;
            Node child = node.Children[i];
            text.Append(indent).Append(last ? "`-- " : "|-- ").Append(child.Name).Append('\n');
            Append(text, child, indent + (last ? "    " : "|   "));
        }
    }

    private sealed class Node
    {
        public string Name { get; init; } = "";

        public List<Node> Children { get; } = [];

        public Node Child(string name)
        {
            Node? found = Children.Find(c => c.Name == name);
            if (found is null)
            {
                found = new Node { Name = name };
                Children.Add(found);
            }

            return found;
        }
    }
}
