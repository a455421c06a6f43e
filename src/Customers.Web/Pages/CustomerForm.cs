using System.Globalization;
using Customers.Web.Api;
using Customers.Web.Components;

namespace Customers.Web.Pages;

/// <summary>What the create and edit form holds: every field of §3 as the user typed it.</summary>
public sealed class CustomerForm
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? County { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? PayingOrg { get; set; }
    public bool HasSplitPayment { get; set; }
    public string? ProviderSplit { get; set; }
    public string? PaymentSplit { get; set; }
    public Dictionary<string, ScheduleDay>? Schedule { get; set; }
    public string? EmergencyContactName { get; set; }
    public string? EmergencyContactPhone { get; set; }
    public string? MedicalNotes { get; set; }
    public string? MedicationNotes { get; set; }
    public string? DriverNotes { get; set; }
    public string? MobilityRequirements { get; set; }
    public bool ReminderOptIn { get; set; }
    public string ReminderPreference { get; set; } = "sms";
    public bool IsLoginEnabled { get; set; }
    public string? Username { get; set; }

    public static CustomerForm From(CustomerResponse c) => new()
    {
        Name = c.Name,
        Address = c.Address,
        AddressLine2 = c.AddressLine2,
        City = c.City,
        County = c.County,
        Postcode = c.Postcode,
        Phone = UkFormat.Phone(c.Phone),
        Email = c.Email,
        PayingOrg = c.PayingOrg,
        HasSplitPayment = c.HasSplitPayment,
        ProviderSplit = c.ProviderSplit?.ToString(CultureInfo.InvariantCulture),
        PaymentSplit = c.PaymentSplit?.ToString(CultureInfo.InvariantCulture),
        Schedule = c.Schedule,
        EmergencyContactName = c.EmergencyContactName,
        EmergencyContactPhone = UkFormat.Phone(c.EmergencyContactPhone),
        MedicalNotes = c.MedicalNotes,
        MedicationNotes = c.MedicationNotes,
        DriverNotes = c.DriverNotes,
        MobilityRequirements = c.MobilityRequirements,
        ReminderOptIn = c.ReminderOptIn,
        ReminderPreference = c.ReminderPreference,
        IsLoginEnabled = c.IsLoginEnabled,
        Username = c.Username,
    };

    /// <summary>
    /// The body for the API. Every field is sent, an empty one as null (which clears it), so that
    /// the API's rules judge exactly what the form shows. A split that is not a number goes as
    /// typed, for the API to name the problem.
    /// </summary>
    public Dictionary<string, object?> ToFields() => new()
    {
        ["name"] = Text(Name),
        ["address"] = Text(Address),
        ["address_line_2"] = Text(AddressLine2),
        ["city"] = Text(City),
        ["county"] = Text(County),
        ["postcode"] = Text(Postcode),
        ["phone"] = Text(Phone),
        ["email"] = Text(Email),
        ["paying_org"] = Text(PayingOrg),
        ["has_split_payment"] = HasSplitPayment,
        ["provider_split"] = Number(ProviderSplit),
        ["payment_split"] = Number(PaymentSplit),
        ["schedule"] = Schedule,
        ["emergency_contact_name"] = Text(EmergencyContactName),
        ["emergency_contact_phone"] = Text(EmergencyContactPhone),
        ["medical_notes"] = Text(MedicalNotes),
        ["medication_notes"] = Text(MedicationNotes),
        ["driver_notes"] = Text(DriverNotes),
        ["mobility_requirements"] = Text(MobilityRequirements),
        ["reminder_opt_in"] = ReminderOptIn,
        ["reminder_preference"] = ReminderPreference,
        ["is_login_enabled"] = IsLoginEnabled,
        ["username"] = Text(Username),
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static object? Number(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number
        : value;
}
