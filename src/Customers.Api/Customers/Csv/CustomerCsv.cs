using System.Globalization;
using System.Text;

namespace Customers.Api.Customers.Csv;

/// <summary>
/// The CSV form of a customer (§8): the export's 27 columns in the seed's order, how each cell is
/// written, and how an import header names a column (export name or snake_case field name).
/// </summary>
public static class CustomerCsv
{
    public enum Kind { Id, Text, Phone, Number, Bool, Json, ReadOnly, NamePart }

    public sealed record Column(string Header, string Field, Kind Kind, Func<Customer, string?> Write);

    public static readonly Column[] Columns =
    [
        new("ID", "customer_id", Kind.Id, c => c.Id.ToString(CultureInfo.InvariantCulture)),
        new("Name", "name", Kind.Text, c => c.Name),
        new("Address", "address", Kind.Text, c => c.Address),
        new("Address Line 2", "address_line_2", Kind.Text, c => c.AddressLine2),
        new("City", "city", Kind.Text, c => c.City),
        new("County", "county", Kind.Text, c => c.County),
        new("Postcode", "postcode", Kind.Text, c => c.Postcode),
        new("Phone", "phone", Kind.Phone, c => PhoneRules.FormatForDisplay(c.Phone)),
        new("Email", "email", Kind.Text, c => c.Email),
        new("Paying Org", "paying_org", Kind.Text, c => c.PayingOrg),
        new("Has Split Payment", "has_split_payment", Kind.Bool, c => Bool(c.HasSplitPayment)),
        new("Provider Split", "provider_split", Kind.Number, c => Number(c.ProviderSplit)),
        new("Payment Split", "payment_split", Kind.Number, c => Number(c.PaymentSplit)),
        new("Emergency Contact Name", "emergency_contact_name", Kind.Text, c => c.EmergencyContactName),
        new("Emergency Contact Phone", "emergency_contact_phone", Kind.Phone, c => c.EmergencyContactPhone is null ? null : PhoneRules.FormatForDisplay(c.EmergencyContactPhone)),
        new("Medical Notes", "medical_notes", Kind.Text, c => c.MedicalNotes),
        new("Medication Notes", "medication_notes", Kind.Text, c => c.MedicationNotes),
        new("Driver Notes", "driver_notes", Kind.Text, c => c.DriverNotes),
        new("Mobility Requirements", "mobility_requirements", Kind.Text, c => c.MobilityRequirements),
        new("Reminder Opt In", "reminder_opt_in", Kind.Bool, c => Bool(c.ReminderOptIn)),
        new("Reminder Preference", "reminder_preference", Kind.Text, c => c.ReminderPreference),
        new("Login Enabled", "is_login_enabled", Kind.Bool, c => Bool(c.IsLoginEnabled)),
        new("Username", "username", Kind.Text, c => c.Username),
        // Re-serialised so both databases export the same text (jsonb re-spaces and re-orders keys).
        new("Schedule (JSON)", "schedule", Kind.Json, c => WeeklySchedule.FromJson(c.Schedule)?.ToReadableJson()),
        new("Archived", "archived", Kind.ReadOnly, c => Bool(c.Archived)),
        new("Created At", "created_at", Kind.ReadOnly, c => Timestamp(c.CreatedAt)),
        new("Updated At", "updated_at", Kind.ReadOnly, c => Timestamp(c.UpdatedAt)),
    ];

    // The error file's own columns (§8): accepted by the importer and ignored, so a fixed error
    // file imports as it is. Never exported.
    private static readonly Column[] ErrorFileColumns =
    [
        new("Row", "error_file_row", Kind.ReadOnly, _ => null),
        new("Error", "error_file_error", Kind.ReadOnly, _ => null),
    ];

    // A name in two columns, as address books and CRMs keep it: joined with a space (§8).
    public static readonly Column FirstName = new("First Name", "first_name", Kind.NamePart, _ => null);
    public static readonly Column LastName = new("Last Name", "last_name", Kind.NamePart, _ => null);

    // The headers people's spreadsheets have for the same things (§8), in their matching form.
    private static readonly (string Header, string Field)[] Synonyms =
    [
        ("mobile", "phone"), ("mobilenumber", "phone"), ("telephone", "phone"), ("tel", "phone"), ("phonenumber", "phone"),
        ("postalcode", "postcode"), ("emailaddress", "email"), ("address1", "address"), ("street", "address"),
        ("address2", "address_line_2"), ("town", "city"), ("fullname", "name"),
        ("firstname", "first_name"), ("forename", "first_name"), ("givenname", "first_name"),
        ("lastname", "last_name"), ("surname", "last_name"), ("familyname", "last_name"),
    ];

    private static readonly Dictionary<string, Column> ByMatchingName = BuildMatchingNames();

    private static Dictionary<string, Column> BuildMatchingNames()
    {
        var byField = Columns.Concat(ErrorFileColumns).Append(FirstName).Append(LastName).ToDictionary(c => c.Field);
        var names = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in byField.Values)
        {
            names.TryAdd(MatchingName(column.Header), column);
            names.TryAdd(MatchingName(column.Field), column);
        }
        names.TryAdd("id", Columns[0]);
        foreach (var (header, field) in Synonyms)
        {
            names.TryAdd(header, byField[field]);
        }
        return names;
    }

    /// <summary>
    /// The fields an unknown header most likely means (at most two): those whose names are
    /// fewest edits away, when the header is close enough to be a misspelling.
    /// </summary>
    public static IReadOnlyList<string> Likeliest(string header)
    {
        var name = MatchingName(header);
        if (name.Length == 0 || name.Length > 60)
        {
            return [];
        }
        var limit = Math.Max(2, name.Length / 3);
        return ByMatchingName
            .Where(p => p.Value.Kind is not (Kind.ReadOnly or Kind.Id))
            .Select(p => (Field: p.Value.Kind == Kind.NamePart ? p.Value.Header : p.Value.Field, Distance: EditDistance(name, p.Key)))
            .Where(p => p.Distance <= limit)
            .OrderBy(p => p.Distance).ThenBy(p => p.Field, StringComparer.Ordinal)
            .Select(p => p.Field)
            .Distinct()
            .Take(2)
            .ToList();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>A header as it is matched: letters and digits only, lower case ("E-mail" and "e mail" are "email").</summary>
    public static string MatchingName(string header) =>
        string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>
    /// Finds the column an import header names, ignoring case, spaces and punctuation: the
    /// export's names, the field names, common synonyms, first and last name.
    /// </summary>
    public static Column? Find(string header) =>
        ByMatchingName.TryGetValue(MatchingName(header), out var column) ? column : null;

    public static string HeaderLine() => string.Join(',', Columns.Select(c => Quote(c.Header)));

    /// <summary>
    /// Appends one customer as a CSV record (without the line break). <paramref name="schedules"/>
    /// remembers, for one export, the CSV text of each stored schedule already seen: passengers
    /// share schedules (the same day-centre times), and re-serialising one costs more than the rest
    /// of the row together.
    /// </summary>
    public static void AppendRecord(StringBuilder line, Customer customer, Dictionary<string, string?> schedules)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var column = Columns[i];
            var value = column.Kind == Kind.Json ? ScheduleText(column, customer, schedules) : column.Write(customer);
            if (value is null)
            {
                continue;
            }
            line.Append(Quote(column.Kind is Kind.Text or Kind.Phone or Kind.Json ? Neutralise(value) : value));
        }
    }

    private const int MaxRememberedSchedules = 1000;

    private static string? ScheduleText(Column column, Customer customer, Dictionary<string, string?> schedules)
    {
        if (customer.Schedule is not { } stored)
        {
            return null;
        }
        if (!schedules.TryGetValue(stored, out var text))
        {
            text = column.Write(customer);
            if (schedules.Count < MaxRememberedSchedules)
            {
                schedules[stored] = text;
            }
        }
        return text;
    }

    // Cells a spreadsheet would run as a formula (OWASP CSV injection) start with one of these.
    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>
    /// Prefixes a formula-like cell with <c>'</c>. A value that already starts with quotes
    /// followed by a trigger gets one more, so that <see cref="Restore"/> (which removes exactly
    /// one) gives back the original: export → import is lossless.
    /// </summary>
    public static string Neutralise(string value)
    {
        var i = 0;
        while (i < value.Length && value[i] == '\'')
        {
            i++;
        }
        return i < value.Length && IsTrigger(value[i]) ? "'" + value : value;
    }

    /// <summary>Removes the one <c>'</c> that <see cref="Neutralise"/> added.</summary>
    public static string Restore(string cell)
    {
        var i = 0;
        while (i < cell.Length && cell[i] == '\'')
        {
            i++;
        }
        return i > 0 && i < cell.Length && IsTrigger(cell[i]) ? cell[1..] : cell;
    }

    /// <summary>RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Bool(bool value) => value ? "true" : "false";

    private static string? Number(decimal? value) => CustomerMapping.TrimZeros(value)?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// ISO 8601 in UTC with the fraction's trailing zeros dropped ("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"),
    /// written by hand: two per row, and .NET's custom formats cost ~10 times its "s" format.
    /// </summary>
    public static string Timestamp(DateTime value)
    {
        Span<char> text = stackalloc char[28];
        value.TryFormat(text, out var length, "s", CultureInfo.InvariantCulture);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction > 0)
        {
            text[length++] = '.';
            for (var divisor = 1_000_000; fraction > 0; divisor /= 10)
            {
                text[length++] = (char)('0' + fraction / divisor);
                fraction %= divisor;
            }
        }
        text[length++] = 'Z';
        return new string(text[..length]);
    }
}
