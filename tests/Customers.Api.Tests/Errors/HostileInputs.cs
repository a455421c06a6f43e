using System.Text;

namespace Customers.Api.Tests.Errors;

/// <summary>
/// What careless and hostile clients send, collected from the hardening review (issue 14), the
/// OWASP XSS filter evasion cheat sheet and the usual injection lists. Used against every route.
/// </summary>
public static class HostileInputs
{
    /// <summary>JSON values, as raw JSON text, put in place of one field of a valid body.</summary>
    public static readonly string[] JsonValues =
    [
        "\"Bob\\ud800\"", "\"\\udc00Bob\"", "\"\\ud83d\"", "\"a\\u0000b\"", "\"\\u0000\"",
        "\"<<script>script>alert(1)<</script>/script>\"", "\"<\\u0000img src=x onerror=alert(1)>\"",
        "\"<IMG SRC=\\\"jav&#x09;ascript:alert('XSS');\\\">\"", "\"<svg/onload=alert(1)>\"",
        "\"<a href=\\\"javascript:alert(1)\\\">x</a>\"", "\"<!--<img src=x-->\"", "\"</textarea><script>\"",
        "\"\\u202eevil\\u202c\"", "\"\\u200b\\u200b\"", "\"\\ufeff\"", "\"\\u0007\\u001b[31m\"",
        "\"'; DROP TABLE customers; --\"", "\"' OR '1'='1\"", "\"%_\\\\\"", "\"%00\"",
        "\"=HYPERLINK(\\\"http://x\\\")\"", "\"+cmd|' /C calc'!A0\"", "\"${jndi:ldap://x/a}\"", "\"{{7*7}}\"",
        "\"../../etc/passwd\"", "\"😀👍🏽\"", "\"ＡＢＣ\"", "\"\"", "\" \"", "\"2026-02-30\"", "\"25:61\"", "\"+44\"",
        "\"" + new string('x', 5_000) + "\"", "\"" + string.Concat(Enumerable.Repeat("<!--", 25_000)) + "\"",
        "null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999", "2147483648",
        "[]", "{}", "[\"a\",1,null]", "{\"a\":{\"b\":[]}}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    /// <summary>Whole bodies sent with a JSON content type.</summary>
    public static IEnumerable<(string Name, byte[] Body)> JsonBodies()
    {
        yield return ("empty", []);
        yield return ("invalid UTF-8", [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
        yield return ("raw NUL", Encoding.UTF8.GetBytes("{\"name\":\"a\0b\"}"));
        yield return ("UTF-16", Encoding.Unicode.GetBytes("{\"name\":\"x\"}"));
        foreach (var text in new[]
        {
            "null", "[]", "\"text\"", "1", "true", "{", "{\"name\":", "}", "{\"name\" \"x\"}", "{'name':'x'}",
            "{\"customer_ids\":[1],\"customer_ids\":[2]}", "{\"name\":\"x\",\"name\":\"y\"}", "{\"\\ud800\":1}",
            new string('[', 10_000) + new string(']', 10_000), "{\"a\":" + new string('{', 5_000), "/* comment */ {}",
            "{\"customers\":null}", "{\"customers\":[null,1,\"x\",[]]}", "{\"updates\":[{}]}", "{\"customer_ids\":[\"1\",null,1e309]}",
        })
        {
            yield return (text.Length > 40 ? text[..40] + "…" : text, Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Values for query parameters and path segments (escaped by the caller).</summary>
    public static readonly string[] QueryValues =
    [
        "\0", "a\0b", "\ud800", "%", "_", "\\", "'", "\"", "<script>", "-", "--", "999999999999999999999", "-1", "0", "1e9",
        "null", "[]", "true,false", new string('a', 5_000), "\u202e", "../", "name;DROP", "ZOË", "hg11bg", "+44 7700 900123",
    ];

    /// <summary>Multipart bodies for the import upload, each with its content type.</summary>
    public static IEnumerable<(string Name, string ContentType, byte[] Body)> MultipartBodies()
    {
        const string Csv = "name,phone\r\nMulti Part,07700 900501\r\n";
        static byte[] Part(string disposition, string content, string boundary = "b0undary", bool close = true) =>
            Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: text/csv\r\n\r\n{content}\r\n" + (close ? $"--{boundary}--\r\n" : ""));

        yield return ("NUL in the file name", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename=\"a\0b.csv\"", Csv));
        yield return ("5,000-character file name", "multipart/form-data; boundary=b0undary", Part($"form-data; name=\"file\"; filename=\"{new string('n', 5_000)}.csv\"", Csv));
        yield return ("bidi and surrogate in the file name", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename*=UTF-8''%E2%80%AEcsv.exe%ED%A0%80", Csv));
        yield return ("file name of dots", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename=\"..\"", Csv));
        yield return ("no closing boundary", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename=\"a.csv\"", Csv, close: false));
        yield return ("body cut in the headers", "multipart/form-data; boundary=b0undary", Encoding.UTF8.GetBytes("--b0undary\r\nContent-Disposition: form-data; na"));
        yield return ("no parts", "multipart/form-data; boundary=b0undary", Encoding.UTF8.GetBytes("--b0undary--\r\n"));
        yield return ("not multipart at all", "multipart/form-data; boundary=b0undary", Encoding.UTF8.GetBytes("name,phone\r\n"));
        yield return ("header line of 100,000 characters", "multipart/form-data; boundary=b0undary", Part($"form-data; name=\"file\"; filename=\"a.csv\"; x=\"{new string('x', 100_000)}\"", Csv));
        yield return ("boundary of 200 characters", $"multipart/form-data; boundary={new string('b', 200)}", Part("form-data; name=\"file\"", Csv, new string('b', 200)));
        yield return ("empty boundary", "multipart/form-data; boundary=\"\"", Part("form-data; name=\"file\"", Csv));
        yield return ("disposition that does not parse", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file; filename=", Csv));
        yield return ("NUL in the CSV", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename=\"a.csv\"", "name,phone\r\nNul\0Name,07700 900502\r\n"));
        yield return ("binary file", "multipart/form-data; boundary=b0undary", Part("form-data; name=\"file\"; filename=\"a.xlsx\"", "PK\u0003\u0004\0\0\0\0"));
    }
}
