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

    /// <summary>Fields with problems listed in one answer at most; the rest are counted.</summary>
    public const int MaxFieldErrors = 100;

    /// <summary>Fields that exist on a customer but are never written by a client.</summary>
    public static readonly string[] ReadOnlyFields =
        ["customer_id", "id", "tenant_id", "archived", "archived_at", "archived_by", "is_active", "created_at", "updated_at"];

    [GeneratedRegex("^[a-z0-9._-]+$")]
    private static partial Regex UsernameShape();


    /// <summary>The names of every field a client may write.</summary>
    public static IEnumerable<string> WritableFields => CustomerFields.All.Select(f => f.Name);

    /// <summary>
    /// A failed row as bulk requests and imports report it: the field of its first problem (none
    /// for the body as a whole), and that problem (a bulk response's shape) or every problem
    /// joined with "; " (an import's error file, <paramref name="everyProblem"/>).
    /// </summary>
    public static (string? Field, string Message) RowError(IDictionary<string, List<string>> errors, bool everyProblem)
    {
        var (field, messages) = errors.First();
        return (field == "body" ? null : field, everyProblem ? string.Join("; ", errors.Values.SelectMany(m => m)) : messages[0]);
    }

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
        if (JsonStrings.FindInvalid(body) is { } invalid)
        {
            AddError(errors, invalid == "$" ? "body" : invalid[2..].Split('.', '[')[0], $"{invalid} {JsonStrings.Problem}");
            return patch;
        }
        var unlisted = 0;
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == keyField)
            {
                continue;
            }
            if (!CustomerFields.ByName.TryGetValue(property.Name, out var field))
            {
                // A body of a million unknown fields gets an answer of a few kilobytes, not a million errors.
                var name = property.Name.Length > 100 ? property.Name[..100] + "…" : property.Name;
                if (errors.Count >= MaxFieldErrors && !errors.ContainsKey(name))
                {
                    unlisted++;
                    continue;
                }
                AddError(errors, name, ReadOnlyFields.Contains(name)
                    ? $"Field '{name}' is read-only"
                    : $"Unknown field '{name}'");
                continue;
            }
            if (patch.Has(field.Name))
            {
                AddError(errors, field.Name, $"Field '{field.Name}' is given more than once");
                continue;
            }
            if (CustomerFields.TryRead(field, property.Value, errors, out var value))
            {
                patch.Set(field.Name, value);
            }
        }
        if (unlisted > 0)
        {
            AddError(errors, "body", $"{unlisted} more unknown field(s) are not listed; only the first {MaxFieldErrors} problems are");
        }
        if (creating)
        {
            foreach (var field in CustomerFields.All.Where(f => f.Required && !patch.Has(f.Name) && !errors.ContainsKey(f.Name)))
            {
                AddError(errors, field.Name, $"{field.Label} is required");
            }
        }
        return patch;
    }

    /// <summary>
    /// A new customer of the tenant from a create body (single, bulk row or import row): read,
    /// cleaned, and its cross-field rules checked once every field could be read.
    /// </summary>
    public static (Customer Customer, CustomerPatch Patch) ReadNew(JsonElement body, int tenantId, IDictionary<string, List<string>> errors)
    {
        var patch = ReadPatch(body, creating: true, errors);
        var customer = new Customer { TenantId = tenantId };
        Apply(patch, customer);
        if (errors.Count == 0)
        {
            ValidateCombination(customer, errors);
        }
        return (customer, patch);
    }

    /// <summary>Applies a clean patch to a customer (new or existing).</summary>
    public static void Apply(CustomerPatch patch, Customer customer)
    {
        foreach (var (name, value) in patch.Values)
        {
            CustomerFields.ByName[name].Apply(customer, value);
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

}
