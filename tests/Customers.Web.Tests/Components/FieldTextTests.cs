using Bunit;
using Customers.Web.Components;

namespace Customers.Web.Tests.Components;

public sealed class FieldTextTests : ComponentContext
{
    [Fact]
    public void Shows_the_errors_of_its_own_field_only_and_reports_what_is_typed()
    {
        string? typed = null;
        var errors = new Dictionary<string, string[]> { ["phone"] = ["Phone number is not a valid phone number"], ["name"] = ["Name is required"] };
        var field = Render<FieldText>(p => p
            .Add(f => f.Field, "phone")
            .Add(f => f.Label, "Phone")
            .Add(f => f.Errors, errors)
            .Add(f => f.ValueChanged, value => typed = value));

        field.Markup.ShouldContain("Phone number is not a valid phone number");
        field.Markup.ShouldNotContain("Name is required");
        field.Find("label[for=field-phone]").TextContent.ShouldContain("Phone");
        field.Find("#field-phone").Input("07700 900123");
        typed.ShouldBe("07700 900123");
    }
}
