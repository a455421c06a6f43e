using Bunit;
using MudBlazor.Services;

namespace Customers.Web.Tests.Components;

/// <summary>A bUnit context with what MudBlazor components need (its services; its JavaScript answered loosely).</summary>
public abstract class ComponentContext : BunitContext
{
    protected ComponentContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
