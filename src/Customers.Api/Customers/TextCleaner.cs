using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Customers.Api.Customers;

/// <summary>
/// Cleans free text without mangling it: trims, normalises line breaks, drops control
/// characters and HTML tags; one-line text also loses runs of spaces. Never entity-encodes: output is encoded where it is rendered.
/// </summary>
public static partial class TextCleaner
{
    // A tag is '<' then a letter, '/', '!' or '?' — so "a < b" and "<3" stay as they are.
    [GeneratedRegex(@"<!--.*?-->|<[/!?]?[A-Za-z][^<>]*>", RegexOptions.Singleline)]
    private static partial Regex HtmlTag();

    public static string Clean(string value, bool multiline) => IsClean(value, multiline) ? value : CleanFully(value, multiline);

    // Characters that make a value need the full cleaning: a tag's start, control characters
    // (tab, CR and LF among them), the byte-order mark and Unicode's line separators.
    private static readonly SearchValues<char> NeedsCleaning = SearchValues.Create(
        "<\uFEFF\u2028\u2029" + new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]));

    /// <summary>
    /// Most values need nothing done (every field of every row of a bulk request or an import is
    /// cleaned): no tag, no control character, no doubled space, nothing to trim.
    /// </summary>
    private static bool IsClean(string value, bool multiline) =>
        value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
        && value.AsSpan().IndexOfAny(NeedsCleaning) < 0
        && (multiline || !value.Contains("  ", StringComparison.Ordinal));

    internal static string CleanFully(string value, bool multiline)
    {
        var text = HtmlTag().Replace(value, "");
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                builder.Append(multiline ? '\n' : ' ');
            }
            else if (ch == '\n' || ch == '\u2028' || ch == '\u2029')
            {
                builder.Append(multiline ? '\n' : ' ');
            }
            else if (ch == '\t')
            {
                builder.Append(multiline ? '\t' : ' ');
            }
            else if (!char.IsControl(ch) && ch != '\uFEFF')
            {
                builder.Append(ch);
            }
            // One-line text keeps single spaces: "Mary  Jones" is "Mary Jones" (and matches as a duplicate).
            if (!multiline && builder.Length > 1 && builder[^1] == ' ' && builder[^2] == ' ')
            {
                builder.Length--;
            }
        }
        return builder.ToString().Trim();
    }
}
