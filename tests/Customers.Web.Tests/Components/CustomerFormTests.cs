using Customers.Web.Pages;

namespace Customers.Web.Tests.Components;

public sealed class CustomerFormTests
{
    [Fact]
    public void Every_field_is_sent_and_empty_ones_clear()
    {
        var fields = new CustomerForm { Name = " Ann ", Phone = "07700 900123", City = "  ", ProviderSplit = "33.5", PaymentSplit = "half" }.ToFields();

        fields.Count.ShouldBe(23);
        fields["name"].ShouldBe(" Ann ");
        fields["city"].ShouldBeNull();
        fields["provider_split"].ShouldBe(33.5m);
        // Not a number: sent as typed, for the API to name the problem on the field.
        fields["payment_split"].ShouldBe("half");
        fields["reminder_preference"].ShouldBe("sms");
    }
}
