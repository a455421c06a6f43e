using System.Buffers;
using System.Text;

namespace Customers.Api.Customers;

/// <summary>
/// Cleans free text without mangling it: trims, normalises line breaks, drops control, bidi and
/// zero-width characters and HTML tags; one-line text also loses runs of spaces. Never
/// entity-encodes: output is encoded where it is rendered. Linear in the text's length, and
/// cleaning a cleaned text changes nothing: no '&lt;' that could open a tag is left ("a &lt; b",
/// "&lt;3" stay), so no tag can be rebuilt from the pieces of others.
/// </summary>
public static class TextCleaner
{
    public static string Clean(string value, bool multiline) => IsClean(value, multiline) ? value : CleanFully(value, multiline);

    // Characters that make a value need the full cleaning: a tag's start, control characters
    // (tab, CR and LF among them), the byte-order mark, Unicode's line separators, bidi
    // controls and zero-width characters.
    private static readonly SearchValues<char> NeedsCleaning = SearchValues.Create(
        "<\uFEFF\u2028\u2029\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069"
        + new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]));

    // Dropped wherever they are: invisible, and able to make text read differently from how it is stored.
    private static readonly SearchValues<char> Invisible = SearchValues.Create(
        "\uFEFF\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069");

    private static readonly SearchValues<char> TagEnd = SearchValues.Create("<>");

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
        // Characters first, so that "<\0img" cannot become a tag after its tags were removed.
        var text = DropCharacters(value, multiline);
        // Removing a tag can join the pieces of another ("<<b>script>"): a few passes remove
        // what nested tags held; then no '<' that could open a tag is kept at all, closed or not.
        for (var pass = 0; pass < 3; pass++)
        {
            var stripped = StripTags(text);
            if (stripped.Length == text.Length)
            {
                break;
            }
            text = stripped;
        }
        return Finish(DropTagOpeners(text), multiline);
    }

    private static string DropCharacters(string value, bool multiline)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch == '\r')
            {
                if (i + 1 < value.Length && value[i + 1] == '\n')
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
            else if (!char.IsControl(ch) && !Invisible.Contains(ch))
            {
                builder.Append(ch);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// One left-to-right pass removing comments (<c>&lt;!-- … --&gt;</c>) and tags: '&lt;' then a
    /// letter, '/', '!' or '?' and a letter, up to the next '&gt;' with no '&lt;' between; so
    /// "a &lt; b" and "&lt;3" stay as they are. Linear: each character is looked at a bounded number of times.
    /// </summary>
    private static string StripTags(string text)
    {
        var builder = new StringBuilder(text.Length);
        var noCommentEnd = false;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch != '<')
            {
                builder.Append(ch);
                i++;
                continue;
            }
            if (!noCommentEnd && text.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end >= 0)
                {
                    i = end + 3;
                    continue;
                }
                // No comment after this one can end either.
                noCommentEnd = true;
            }
            var name = i + 1 < text.Length && text[i + 1] is '/' or '!' or '?' ? i + 2 : i + 1;
            if (name < text.Length && char.IsAsciiLetter(text[name]))
            {
                var close = text.AsSpan(name + 1).IndexOfAny(TagEnd);
                if (close >= 0 && text[name + 1 + close] == '>')
                {
                    i = name + close + 2;
                    continue;
                }
            }
            builder.Append(ch);
            i++;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Drops every '&lt;' followed by a letter, '/', '!' or '?' in what is kept (so, from the end:
    /// "&lt;&lt;b" loses both), so that what is left can hold no tag, even an unclosed one.
    /// </summary>
    private static string DropTagOpeners(string text)
    {
        var kept = new char[text.Length];
        var start = text.Length;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var ch = text[i];
            if (ch == '<' && start < text.Length && (char.IsAsciiLetter(kept[start]) || kept[start] is '/' or '!' or '?'))
            {
                continue;
            }
            kept[--start] = ch;
        }
        return new string(kept, start, text.Length - start);
    }

    private static string Finish(string text, bool multiline)
    {
        if (multiline)
        {
            return text.Trim();
        }
        // One-line text keeps single spaces: "Mary  Jones" is "Mary Jones" (and matches as a duplicate).
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(ch);
            }
        }
        return builder.ToString().Trim();
    }
}
