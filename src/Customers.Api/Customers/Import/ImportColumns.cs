namespace Customers.Api.Customers.Import;

/// <summary>
/// Which field each column of an upload fills (§8): the header matched by name, synonym or the
/// caller's <c>mapping</c> (a JSON object from header to field name, or to null to leave the
/// column out). The mapping used is kept on the job for every column, so the job shows it and
/// a run of the stored file reads the file the same way.
/// </summary>
public static class ImportColumns
{
    public const int MaxMappingLength = 64 * 1024;

    public sealed record Resolved(CustomerCsv.Column[] Columns, Dictionary<string, string?> Mapping);

    /// <summary>What a client needs to build a mapping: each header, the field it matched (if any) and the likeliest fields.</summary>
    public sealed record ColumnMatch(string Header, string? Field, IReadOnlyList<string> Likeliest);

    /// <summary>Reads the <c>mapping</c> parameter: null when absent, else header → field name or null.</summary>
    public static Dictionary<string, string?>? ReadMapping(string? json, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        if (json.Length > MaxMappingLength)
        {
            problem = $"mapping is longer than {MaxMappingLength} characters";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "mapping must be a JSON object from a column's header to a field name, or to null to leave the column out";
                return null;
            }
            if (JsonStrings.FindInvalid(document.RootElement) is not null)
            {
                problem = $"mapping {JsonStrings.Problem}";
                return null;
            }
            var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    problem = $"mapping: the value for '{Short(property.Name)}' must be a field name or null";
                    return null;
                }
                if (!mapping.TryAdd(property.Name, property.Value.GetString()))
                {
                    problem = $"mapping names '{Short(property.Name)}' twice";
                    return null;
                }
            }
            return mapping;
        }
        catch (JsonException)
        {
            problem = "mapping is not valid JSON: send an object such as {\"Mobile No\": \"phone\", \"Notes\": null}";
            return null;
        }
    }

    /// <summary>
    /// The column of each header, or a problem naming every header that is unknown, mapped to an
    /// unknown field, given twice, or named by the mapping but absent from the file.
    /// </summary>
    public static Resolved? Resolve(IReadOnlyList<string> header, IReadOnlyDictionary<string, string?>? mapping, out string? problem)
    {
        problem = null;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            problem = "The file is empty: the first line must name the columns";
            return null;
        }
        if (mapping is not null)
        {
            var absent = mapping.Keys.Where(k => !header.Any(h => Matches(h, k))).ToList();
            if (absent.Count > 0)
            {
                problem = $"mapping names column(s) the file does not have: {string.Join(", ", absent.Take(20).Select(a => $"'{Short(a)}'"))}";
                return null;
            }
            var badFields = mapping.Where(m => m.Value is not null && !IsField(m.Value)).ToList();
            if (badFields.Count > 0)
            {
                problem = "mapping names unknown field(s): " + string.Join("; ", badFields.Take(20).Select(b =>
                {
                    var guesses = CustomerCsv.Likeliest(b.Value!);
                    return $"'{Short(b.Key)}' → '{Short(b.Value!)}'" + (guesses.Count > 0 ? $" (perhaps {string.Join(" or ", guesses)})" : "");
                }));
                return null;
            }
        }

        var columns = new CustomerCsv.Column[header.Count];
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var mapped = MappingFor(header[i], mapping);
            if (mapped.Found)
            {
                columns[i] = mapped.Field is null ? Skipped(header[i]) : CustomerCsv.Find(mapped.Field)! with { Header = header[i] };
            }
            else if (CustomerCsv.Find(header[i]) is { } column)
            {
                columns[i] = column with { Header = header[i] };
            }
            else
            {
                unknown.Add(header[i]);
            }
        }
        if (unknown.Count > 0)
        {
            // A hostile header of thousands of columns gets an answer of a few lines.
            var named = unknown.Take(20).Select(Short).ToList();
            var more = unknown.Count > named.Count ? $" and {unknown.Count - named.Count} more" : "";
            var guesses = named.Select(u => (Header: u, Fields: CustomerCsv.Likeliest(u))).Where(g => g.Fields.Count > 0).ToList();
            var hint = guesses.Count == 0 ? ""
                : " Perhaps: " + string.Join("; ", guesses.Select(g => $"'{g.Header}' → {string.Join(" or ", g.Fields)}")) + ".";
            problem = $"Unknown column(s): {string.Join(", ", named.Select(u => $"'{u}'"))}{more}. Use the export's column names or the field names (e.g. name, phone), or send a mapping.{hint}";
            return null;
        }
        var repeated = columns.Where(c => c.Field.Length > 0).GroupBy(c => c.Field).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            problem = $"Column(s) given more than once: {string.Join(", ", repeated)}";
            return null;
        }
        if (columns.Any(c => c.Field == "name") && columns.Any(c => c.Kind == CustomerCsv.Kind.NamePart))
        {
            problem = "Give the name in one column (Name) or in two (First Name and Last Name), not both";
            return null;
        }
        var used = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            // Read-only columns (Archived, Row, Error…) are left out, as a null says.
            used.TryAdd(column.Header, column.Kind == CustomerCsv.Kind.ReadOnly ? null : column.Field);
        }
        return new Resolved(columns, used);
    }

    /// <summary>A header wider than this gets no <see cref="Describe"/>: nobody maps it by hand, and a hostile one must get a short answer.</summary>
    public const int MaxDescribedColumns = 100;

    /// <summary>Every header with the field it matched on its own and its likeliest fields (for a 400 a client can build a mapping from).</summary>
    public static List<ColumnMatch>? Describe(IReadOnlyList<string> header) => header.Count is 0 or > MaxDescribedColumns ? null : header.Select(h =>
    {
        var column = CustomerCsv.Find(h);
        return new ColumnMatch(Short(h), column is null || column.Kind == CustomerCsv.Kind.ReadOnly ? null : column.Field,
            column is null ? CustomerCsv.Likeliest(h) : []);
    }).ToList();

    private static bool IsField(string name) => CustomerCsv.Find(name) is { Kind: not CustomerCsv.Kind.ReadOnly };

    // An exact key first; else one that matches as headers do (ignoring case, spaces and punctuation).
    private static (bool Found, string? Field) MappingFor(string header, IReadOnlyDictionary<string, string?>? mapping)
    {
        if (mapping is null)
        {
            return (false, null);
        }
        if (mapping.TryGetValue(header, out var exact))
        {
            return (true, exact);
        }
        foreach (var (key, field) in mapping)
        {
            if (Matches(header, key))
            {
                return (true, field);
            }
        }
        return (false, null);
    }

    private static bool Matches(string header, string key) =>
        header == key || (CustomerCsv.MatchingName(key).Length > 0 && CustomerCsv.MatchingName(header) == CustomerCsv.MatchingName(key));

    private static CustomerCsv.Column Skipped(string header) => new(header, "", CustomerCsv.Kind.ReadOnly, _ => null);

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
