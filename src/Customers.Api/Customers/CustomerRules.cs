using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Customers.Api.Customers;

/// <summary>
/// The one set of validation and cleaning rules for every write path (single create and update,
/// bulk rows, import rows). Returns field → messages; never throws on bad input.
/// </summary>
public static partial class CustomerRules
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PayingOrgMaxLength = 100;
    public const int NotesMaxLength = 2000;
    public const int DestinationMaxLength = 200;
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 50;

    /// <summary>Fields that exist on a customer but are never written by a client.</summary>
    public static readonly string[] ReadOnlyFields =
        ["customer_id", "id", "tenant_id", "archived", "archived_at", "archived_by", "is_active", "created_at", "updated_at"];

    [GeneratedRegex("^[a-z0-9._-]+$")]
    private static partial Regex UsernameShape();

    private enum Kind { Text, Notes, Phone, Postcode, Email, Bool, Split, Schedule, Preference, Username }

    private sealed record Field(string Name, string Label, Kind Kind, int MaxLength, bool Required, Action<Customer, object?> Apply);

    private static readonly Field[] Fields =
    [
        new("name", "Name", Kind.Text, NameMaxLength, true, (c, v) => c.Name = (string)v!),
        new("address", "Address", Kind.Text, AddressMaxLength, false, (c, v) => c.Address = (string?)v),
        new("address_line_2", "Address line 2", Kind.Text, AddressMaxLength, false, (c, v) => c.AddressLine2 = (string?)v),
        new("city", "City", Kind.Text, AddressMaxLength, false, (c, v) => c.City = (string?)v),
        new("county", "County", Kind.Text, AddressMaxLength, false, (c, v) => c.County = (string?)v),
        new("postcode", "Postcode", Kind.Postcode, 0, false, (c, v) => c.Postcode = (string?)v),
        new("phone", "Phone number", Kind.Phone, 0, true, (c, v) => c.Phone = (string)v!),
        new("email", "Email", Kind.Email, EmailMaxLength, false, (c, v) => c.Email = (string?)v),
        new("paying_org", "Paying org", Kind.Text, PayingOrgMaxLength, false, (c, v) => c.PayingOrg = (string?)v),
        new("has_split_payment", "has_split_payment", Kind.Bool, 0, false, (c, v) => c.HasSplitPayment = (bool)v!),
        new("provider_split", "provider_split", Kind.Split, 0, false, (c, v) => c.ProviderSplit = (decimal?)v),
        new("payment_split", "payment_split", Kind.Split, 0, false, (c, v) => c.PaymentSplit = (decimal?)v),
        new("schedule", "Schedule", Kind.Schedule, 0, false, (c, v) => c.Schedule = ((WeeklySchedule?)v)?.ToJson()),
        new("emergency_contact_name", "Emergency contact name", Kind.Text, NameMaxLength, false, (c, v) => c.EmergencyContactName = (string?)v),
        new("emergency_contact_phone", "Emergency contact phone", Kind.Phone, 0, false, (c, v) => c.EmergencyContactPhone = (string?)v),
        new("medical_notes", "Medical notes", Kind.Notes, NotesMaxLength, false, (c, v) => c.MedicalNotes = (string?)v),
        new("medication_notes", "Medication notes", Kind.Notes, NotesMaxLength, false, (c, v) => c.MedicationNotes = (string?)v),
        new("driver_notes", "Driver notes", Kind.Notes, NotesMaxLength, false, (c, v) => c.DriverNotes = (string?)v),
        new("mobility_requirements", "Mobility requirements", Kind.Notes, NotesMaxLength, false, (c, v) => c.MobilityRequirements = (string?)v),
        new("reminder_opt_in", "reminder_opt_in", Kind.Bool, 0, false, (c, v) => c.ReminderOptIn = (bool)v!),
        new("reminder_preference", "reminder_preference", Kind.Preference, 0, false, (c, v) => c.ReminderPreference = (string)v!),
        new("is_login_enabled", "is_login_enabled", Kind.Bool, 0, false, (c, v) => c.IsLoginEnabled = (bool)v!),
        new("username", "Username", Kind.Username, UsernameMaxLength, false, (c, v) => c.Username = (string?)v),
    ];

    private static readonly Dictionary<string, Field> FieldsByName = Fields.ToDictionary(f => f.Name);

    /// <summary>The names of every field a client may write.</summary>
    public static IEnumerable<string> WritableFields => Fields.Select(f => f.Name);

    public static void AddError(IDictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>
    /// Reads the fields present in a JSON object and cleans each one. A field that is absent is
    /// left out of the patch; <c>null</c> clears an optional field. On create, the required fields
    /// must be present. <paramref name="keyField"/> names a member that addresses the record
    /// (bulk update's <c>customer_id</c>) and is skipped here.
    /// </summary>
    public static CustomerPatch ReadPatch(JsonElement body, bool creating, IDictionary<string, List<string>> errors, string? keyField = null)
    {
        var patch = new CustomerPatch();
        if (body.ValueKind != JsonValueKind.Object)
        {
            AddError(errors, "body", "Request body must be a JSON object of customer fields");
            return patch;
        }
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == keyField)
            {
                continue;
            }
            if (!FieldsByName.TryGetValue(property.Name, out var field))
            {
                AddError(errors, property.Name, ReadOnlyFields.Contains(property.Name)
                    ? $"Field '{property.Name}' is read-only"
                    : $"Unknown field '{property.Name}'");
                continue;
            }
            if (patch.Has(field.Name))
            {
                AddError(errors, field.Name, $"Field '{field.Name}' is given more than once");
                continue;
            }
            if (TryReadValue(field, property.Value, errors, out var value))
            {
                patch.Set(field.Name, value);
            }
        }
        if (creating)
        {
            foreach (var field in Fields.Where(f => f.Required && !patch.Has(f.Name) && !errors.ContainsKey(f.Name)))
            {
                AddError(errors, field.Name, $"{field.Label} is required");
            }
        }
        return patch;
    }

    /// <summary>Applies a clean patch to a customer (new or existing).</summary>
    public static void Apply(CustomerPatch patch, Customer customer)
    {
        foreach (var (name, value) in patch.Values)
        {
            FieldsByName[name].Apply(customer, value);
        }
        // Turning split payment off clears the splits unless the same request set them.
        if (patch.TryGet("has_split_payment", out var split) && split is false
            && !patch.Has("provider_split") && !patch.Has("payment_split"))
        {
            customer.ProviderSplit = null;
            customer.PaymentSplit = null;
        }
    }

    /// <summary>Rules that span fields, checked on the customer as it would be saved.</summary>
    public static void ValidateCombination(Customer customer, IDictionary<string, List<string>> errors)
    {
        if (customer.HasSplitPayment)
        {
            if (customer.ProviderSplit is null)
            {
                AddError(errors, "provider_split", "provider_split is required when has_split_payment is true");
            }
            if (customer.PaymentSplit is null)
            {
                AddError(errors, "payment_split", "payment_split is required when has_split_payment is true");
            }
            if (customer.ProviderSplit is { } provider && customer.PaymentSplit is { } payment && provider + payment != 100m)
            {
                AddError(errors, "payment_split", "provider_split and payment_split must add up to 100");
            }
        }
        else if (customer.ProviderSplit is not null || customer.PaymentSplit is not null)
        {
            AddError(errors, "has_split_payment", "provider_split and payment_split are only allowed when has_split_payment is true");
        }

        if (customer.ReminderOptIn)
        {
            if (customer.ReminderPreference is ReminderPreferences.Email or ReminderPreferences.Both && customer.Email is null)
            {
                AddError(errors, "email", $"An email address is required for '{customer.ReminderPreference}' reminders");
            }
            if (customer.ReminderPreference is ReminderPreferences.Sms or ReminderPreferences.Both
                && !string.IsNullOrEmpty(customer.Phone) && !PhoneRules.IsMobile(customer.Phone))
            {
                AddError(errors, "phone", $"A mobile phone number is required for '{customer.ReminderPreference}' reminders");
            }
        }

        if (customer.IsLoginEnabled && customer.Username is null)
        {
            AddError(errors, "username", "A username is required when is_login_enabled is true");
        }
    }

    /// <summary>Two customers are duplicates when their names (ignoring case and spacing) and phones match.</summary>
    public static string DuplicateKey(string name, string phone) =>
        string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "|" + phone;

    /// <summary>Cleans a username; returns null with a reason when it breaks the rules.</summary>
    public static string? NormaliseUsername(string value, out string? problem)
    {
        var username = value.Trim().ToLowerInvariant();
        problem = username.Length is < UsernameMinLength or > UsernameMaxLength || !UsernameShape().IsMatch(username)
            ? $"Username must be {UsernameMinLength}–{UsernameMaxLength} characters of a-z, 0-9, '.', '_' or '-'"
            : null;
        return problem is null ? username : null;
    }

    private static bool TryReadValue(Field field, JsonElement value, IDictionary<string, List<string>> errors, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (field.Required)
            {
                AddError(errors, field.Name, $"{field.Label} is required");
                return false;
            }
            if (field.Kind == Kind.Bool || field.Kind == Kind.Preference)
            {
                AddError(errors, field.Name, field.Kind == Kind.Bool
                    ? $"{field.Name} must be true or false"
                    : $"{field.Name} must be one of: {string.Join(", ", ReminderPreferences.All)}");
                return false;
            }
            return true;
        }

        switch (field.Kind)
        {
            case Kind.Bool:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    result = value.GetBoolean();
                    return true;
                }
                AddError(errors, field.Name, $"{field.Name} must be true or false");
                return false;

            case Kind.Split:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var split)
                    && split is >= 0 and <= 100 && decimal.Round(split, 2) == split)
                {
                    result = split;
                    return true;
                }
                AddError(errors, field.Name, $"{field.Name} must be a number from 0 to 100 with at most two decimal places");
                return false;

            case Kind.Schedule:
                result = WeeklySchedule.Parse(value, field.Name, errors);
                return !errors.Keys.Any(k => k.StartsWith(field.Name, StringComparison.Ordinal));
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            AddError(errors, field.Name, $"{field.Label} must be a string");
            return false;
        }
        var text = TextCleaner.Clean(value.GetString()!, multiline: field.Kind == Kind.Notes);
        if (text.Length == 0)
        {
            if (field.Required)
            {
                AddError(errors, field.Name, $"{field.Label} is required");
                return false;
            }
            if (field.Kind == Kind.Preference)
            {
                AddError(errors, field.Name, $"{field.Name} must be one of: {string.Join(", ", ReminderPreferences.All)}");
                return false;
            }
            return true;
        }
        if (field.MaxLength > 0 && text.Length > field.MaxLength && field.Kind != Kind.Username)
        {
            AddError(errors, field.Name, $"{field.Label} must be at most {field.MaxLength} characters");
            return false;
        }

        switch (field.Kind)
        {
            case Kind.Phone:
                if (PhoneRules.Parse(text) is { } phone)
                {
                    result = phone.E164;
                    return true;
                }
                AddError(errors, field.Name, $"{field.Label} is not a valid phone number");
                return false;

            case Kind.Postcode:
                if (UkPostcode.Normalise(text) is { } postcode)
                {
                    result = postcode;
                    return true;
                }
                AddError(errors, field.Name, "Postcode is not a valid UK postcode");
                return false;

            case Kind.Email:
                if (IsEmail(text))
                {
                    result = text;
                    return true;
                }
                AddError(errors, field.Name, "Email is not a valid email address");
                return false;

            case Kind.Preference:
                var preference = text.ToLowerInvariant();
                if (ReminderPreferences.All.Contains(preference))
                {
                    result = preference;
                    return true;
                }
                AddError(errors, field.Name, $"{field.Name} must be one of: {string.Join(", ", ReminderPreferences.All)}");
                return false;

            case Kind.Username:
                result = NormaliseUsername(text, out var problem);
                if (problem is null)
                {
                    return true;
                }
                AddError(errors, field.Name, problem);
                return false;

            default:
                result = text;
                return true;
        }
    }

    private static bool IsEmail(string text)
    {
        if (text.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(text, out var address) || address.Address != text)
        {
            return false;
        }
        var at = text.LastIndexOf('@');
        var domain = text[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }
}

/// <summary>Cleaned field values read from one request body or row, keyed by snake_case name.</summary>
public sealed class CustomerPatch
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object?> Values => _values;

    public bool IsEmpty => _values.Count == 0;

    public bool Has(string field) => _values.ContainsKey(field);

    public bool TryGet(string field, out object? value) => _values.TryGetValue(field, out value);

    internal void Set(string field, object? value) => _values[field] = value;
}
