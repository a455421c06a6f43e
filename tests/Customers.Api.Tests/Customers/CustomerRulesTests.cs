using System.Text.Json;

namespace Customers.Api.Tests.Customers;

public class CustomerRulesTests
{
    private static (Customer Customer, Dictionary<string, List<string>> Errors) Create(string json)
    {
        var errors = new Dictionary<string, List<string>>();
        using var document = JsonDocument.Parse(json);
        var patch = CustomerRules.ReadPatch(document.RootElement, creating: true, errors);
        var customer = new Customer();
        CustomerRules.Apply(patch, customer);
        if (errors.Count == 0)
        {
            CustomerRules.ValidateCombination(customer, errors);
        }
        return (customer, errors);
    }

    [Fact]
    public void A_minimal_customer_is_valid()
    {
        var (customer, errors) = Create("""{"name":"Ann","phone":"07700900001"}""");
        errors.ShouldBeEmpty();
        customer.Name.ShouldBe("Ann");
        customer.Phone.ShouldBe("+447700900001");
    }

    [Theory]
    [InlineData("""{"phone":"07700900001"}""", "name", "Name is required")]
    [InlineData("""{"name":"   ","phone":"07700900001"}""", "name", "Name is required")]
    [InlineData("""{"name":"<i></i>","phone":"07700900001"}""", "name", "Name is required")]
    [InlineData("""{"name":"Ann"}""", "phone", "Phone number is required")]
    [InlineData("""{"name":"Ann","phone":""}""", "phone", "Phone number is required")]
    [InlineData("""{"name":"Ann","phone":"12345"}""", "phone", "Phone number is not a valid phone number")]
    [InlineData("""{"name":"Ann","phone":"07700900001","emergency_contact_phone":"999"}""", "emergency_contact_phone", "Emergency contact phone is not a valid phone number")]
    [InlineData("""{"name":"Ann","phone":"07700900001","provider_split":100.001,"has_split_payment":true,"payment_split":0}""", "provider_split", "provider_split must be a number from 0 to 100 with at most two decimal places")]
    [InlineData("""{"name":"Ann","phone":"07700900001","provider_split":-1}""", "provider_split", "provider_split must be a number from 0 to 100 with at most two decimal places")]
    [InlineData("""{"name":"Ann","phone":"07700900001","has_split_payment":true,"provider_split":50}""", "payment_split", "payment_split is required when has_split_payment is true")]
    [InlineData("""{"name":"Ann","phone":"07700900001","reminder_preference":"pigeon"}""", "reminder_preference", "reminder_preference must be one of: sms, email, both")]
    [InlineData("""{"name":"Ann","phone":"07700900001","reminder_opt_in":true,"reminder_preference":"email"}""", "email", "An email address is required for 'email' reminders")]
    [InlineData("""{"name":"Ann","phone":"0113 496 0000","reminder_opt_in":true,"reminder_preference":"both","email":"a@b.co"}""", "phone", "A mobile phone number is required for 'both' reminders")]
    [InlineData("""{"name":"Ann","phone":"07700900001","username":"ab"}""", "username", "Username must be 3–50 characters of a-z, 0-9, '.', '_' or '-'")]
    [InlineData("""{"name":"Ann","phone":"07700900001","username":"has space"}""", "username", "Username must be 3–50 characters of a-z, 0-9, '.', '_' or '-'")]
    [InlineData("""{"name":"Ann","phone":"07700900001","email":"a@b"}""", "email", "Email is not a valid email address")]
    [InlineData("""{"name":"Ann","phone":"07700900001","email":"Ann <a@b.co>"}""", "email", "Email is not a valid email address")]
    [InlineData("""{"name":"Ann","phone":"07700900001","is_login_enabled":null}""", "is_login_enabled", "is_login_enabled must be true or false")]
    public void Each_rule_reports_its_field_and_message(string json, string field, string message)
    {
        var (_, errors) = Create(json);
        errors.ShouldContainKey(field);
        errors[field].ShouldContain(message);
    }

    [Fact]
    public void Too_long_is_an_error_not_a_silent_cut()
    {
        var notes = new string('n', 2001);
        var (_, errors) = Create($$"""{"name":"Ann","phone":"07700900001","medical_notes":"{{notes}}","city":"{{new string('c', 201)}}"}""");
        errors["medical_notes"].ShouldBe(["Medical notes must be at most 2000 characters"]);
        errors["city"].ShouldBe(["City must be at most 200 characters"]);
    }

    [Fact]
    public void Splits_accept_two_decimals_summing_to_100()
    {
        var (customer, errors) = Create("""{"name":"Ann","phone":"07700900001","has_split_payment":true,"provider_split":33.33,"payment_split":66.67}""");
        errors.ShouldBeEmpty();
        customer.ProviderSplit.ShouldBe(33.33m);
    }

    [Fact]
    public void Empty_optional_text_is_stored_as_null()
    {
        var (customer, errors) = Create("""{"name":"Ann","phone":"07700900001","city":"  ","postcode":""}""");
        errors.ShouldBeEmpty();
        customer.City.ShouldBeNull();
        customer.Postcode.ShouldBeNull();
    }
}
