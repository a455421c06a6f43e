namespace Customers.Web.Api;

/// <summary>The fields an import column can fill (the API's mapping values), with the names staff know them by.</summary>
public static class ImportFields
{
    public static readonly IReadOnlyList<(string Field, string Label)> All =
    [
        ("customer_id", "ID (updates that customer)"),
        ("name", "Name"),
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("phone", "Phone"),
        ("email", "Email"),
        ("address", "Address"),
        ("address_line_2", "Address line 2"),
        ("city", "City"),
        ("county", "County"),
        ("postcode", "Postcode"),
        ("paying_org", "Paying org"),
        ("has_split_payment", "Has split payment"),
        ("provider_split", "Provider split"),
        ("payment_split", "Payment split"),
        ("emergency_contact_name", "Emergency contact name"),
        ("emergency_contact_phone", "Emergency contact phone"),
        ("medical_notes", "Medical notes"),
        ("medication_notes", "Medication notes"),
        ("driver_notes", "Driver notes"),
        ("mobility_requirements", "Mobility requirements"),
        ("reminder_opt_in", "Reminder opt in"),
        ("reminder_preference", "Reminder preference"),
        ("is_login_enabled", "Login enabled"),
        ("username", "Username"),
        ("schedule", "Schedule (JSON)"),
    ];

    public static string LabelOf(string? field) =>
        field is null ? "Left out" : All.FirstOrDefault(f => f.Field == field).Label ?? field;
}
