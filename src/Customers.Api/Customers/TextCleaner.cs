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

    public static string Clean(string value, bool multiline)
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
