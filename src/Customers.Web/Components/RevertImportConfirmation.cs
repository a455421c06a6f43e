using Customers.Web.Api;
using MudBlazor;

namespace Customers.Web.Components;

/// <summary>The question asked before an import is reverted, from the list of imports and from the job's page alike.</summary>
public static class RevertImportConfirmation
{
    public static async Task<bool> AskAsync(IDialogService dialogs, ImportJobResponse job) =>
        await dialogs.ShowMessageBoxAsync("Revert this import?",
            $"The {job.Created} customer(s) it created will be deleted and the fields it changed on {job.Updated} customer(s) put back. Customers changed since the import are left as they are.",
            yesText: "Revert import", cancelText: "Keep it") == true;
}
