using System.Globalization;
using Customers.Web.Api;
using Microsoft.JSInterop;

namespace Customers.Web.Components;

/// <summary>A customer's data export (subject access), downloaded from the customer's page and from the deleted list alike.</summary>
public static class CustomerDataExport
{
    /// <summary>Downloads it as a JSON file; the problem's message when the API refused it, else null.</summary>
    public static async Task<string?> DownloadAsync(CustomersClient client, IJSRuntime js, int customerId)
    {
        var result = await client.DataExportAsync(customerId);
        if (!result.Succeeded)
        {
            return result.Problem!.Message;
        }
        await js.InvokeVoidAsync("customersApp.download",
            string.Create(CultureInfo.InvariantCulture, $"customer-{customerId}-data-export.json"), result.Value, "application/json");
        return null;
    }
}
