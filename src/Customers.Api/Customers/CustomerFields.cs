using System.Net.Mail;
using static Customers.Api.Customers.CustomerRules;

namespace Customers.Api.Customers;

/// <summary>Every field a client may write, and how each is read and cleaned (<see cref="CustomerRules.ReadPatch"/>).</summary>
internal static class CustomerFields
{
    public enum Kind { Text, Notes, Phone, Postcode, Email, Bool, Split, Schedule, Preference, Username }

    public sealed record Field(string Name, string Label, Kind Kind, int MaxLength, bool Required, Action<Customer, object?> Apply);

    public static readonly Field[] All =
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

    public static readonly Dictionary<string, Field> ByName = All.ToDictionary(f => f.Name);

    public static bool TryRead(Field field, JsonElement value, IDictionary<string, List<string>> errors, out object? result)
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
        var sent = value.GetString()!;
        // Markup in an address is not cleaned away: "a<b>c@x.com" is not "ac@x.com".
        if (field.Kind == Kind.Email && sent.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            AddError(errors, field.Name, "Email is not a valid email address");
            return false;
        }
        var text = TextCleaner.Clean(sent, multiline: field.Kind == Kind.Notes);
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
                // A name of punctuation or invisible characters alone names nobody.
                if (field.Required && !text.Any(char.IsLetterOrDigit))
                {
                    AddError(errors, field.Name, $"{field.Label} must contain a letter or a digit");
                    return false;
                }
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
