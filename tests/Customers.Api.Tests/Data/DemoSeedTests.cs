using System.Text.Json;

namespace Customers.Api.Tests.Data;

public class DemoSeedTests
{
    [Fact]
    public void Every_demo_customer_passes_the_rules()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        foreach (var tenant in new[] { 1, 2 })
        {
            var customers = DemoSeed.Customers(tenant, DateTime.UtcNow).ToList();
            customers.Count.ShouldBe(DemoSeed.CustomersPerTenant);
            customers.Select(c => c.Phone).Distinct().Count().ShouldBe(customers.Count);
            foreach (var seeded in customers)
            {
                var request = new Dictionary<string, object?>
                {
                    ["name"] = seeded.Name, ["address"] = seeded.Address, ["city"] = seeded.City, ["county"] = seeded.County,
                    ["postcode"] = seeded.Postcode, ["phone"] = seeded.Phone, ["email"] = seeded.Email, ["paying_org"] = seeded.PayingOrg,
                    ["has_split_payment"] = seeded.HasSplitPayment, ["provider_split"] = seeded.ProviderSplit, ["payment_split"] = seeded.PaymentSplit,
                    ["schedule"] = seeded.Schedule is null ? null : JsonDocument.Parse(seeded.Schedule).RootElement,
                    ["emergency_contact_name"] = seeded.EmergencyContactName, ["emergency_contact_phone"] = seeded.EmergencyContactPhone,
                    ["medical_notes"] = seeded.MedicalNotes, ["driver_notes"] = seeded.DriverNotes,
                    ["reminder_opt_in"] = seeded.ReminderOptIn, ["reminder_preference"] = seeded.ReminderPreference,
                    ["is_login_enabled"] = seeded.IsLoginEnabled, ["username"] = seeded.Username,
                };
                var errors = new Dictionary<string, List<string>>();
                using var document = JsonDocument.Parse(JsonSerializer.Serialize(request, options));
                var patch = CustomerRules.ReadPatch(document.RootElement, creating: true, errors);
                var customer = new Customer();
                CustomerRules.Apply(patch, customer);
                CustomerRules.ValidateCombination(customer, errors);
                errors.ShouldBeEmpty($"{seeded.Name}: {string.Join("; ", errors.SelectMany(e => e.Value))}");
                customer.Phone.ShouldBe(seeded.Phone);
                customer.Postcode.ShouldBe(seeded.Postcode);
            }
        }
    }
}
