using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Customers.Web.Session;
using Microsoft.AspNetCore.Components;

namespace Customers.Web.Api;

/// <summary>
/// The app's one way to the service: the public API, with the signed-in user's token. Every
/// failure comes back as an <see cref="ApiProblem"/> with a plain sentence, never an exception.
/// A 401 means the session ended: it is cleared and the user is sent to sign in again.
/// </summary>
public sealed class CustomersClient(HttpClient http, UserSession session, NavigationManager navigation)
{
    private string CustomersUrl => $"api/tenants/{session.TenantId}/customers";

    public Task<ApiResult<LoginResponse>> LoginAsync(string username, string password) =>
        SendAsync<LoginResponse>(HttpMethod.Post, "api/auth/login", new { username, password }, authenticated: false);

    /// <summary>A portal customer sets their password with the token of their invitation (no sign-in).</summary>
    public Task<ApiResult<bool>> SetPortalPasswordAsync(string token, string password) =>
        SendWithoutAnswerAsync(HttpMethod.Post, "api/auth/set-password", new { token, password }, authenticated: false);

    public Task<ApiResult<List<TenantResponse>>> ListTenantsAsync() => SendAsync<List<TenantResponse>>(HttpMethod.Get, "api/tenants");

    public Task<ApiResult<CustomerListResponse>> ListCustomersAsync(CustomerQuery query) =>
        SendAsync<CustomerListResponse>(HttpMethod.Get, $"{CustomersUrl}?{query.QueryString()}");

    public Task<ApiResult<CustomerResponse>> GetCustomerAsync(int id) =>
        SendAsync<CustomerResponse>(HttpMethod.Get, $"{CustomersUrl}/{id.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Creates a customer from its fields (snake_case names, as the API takes them).</summary>
    public Task<ApiResult<CustomerResponse>> CreateCustomerAsync(IReadOnlyDictionary<string, object?> fields) =>
        SendAsync<CustomerResponse>(HttpMethod.Post, CustomersUrl, fields);

    /// <summary>Writes the fields given; null clears an optional one.</summary>
    public Task<ApiResult<CustomerResponse>> UpdateCustomerAsync(int id, IReadOnlyDictionary<string, object?> fields) =>
        SendAsync<CustomerResponse>(HttpMethod.Put, $"{CustomersUrl}/{id.ToString(CultureInfo.InvariantCulture)}", fields);

    /// <summary>The most items one bulk request takes (§5): longer lists go in several requests.</summary>
    public const int MaxBulkItems = 500;

    /// <summary>The most customers "select all matching" changes at once; past it, narrow the search.</summary>
    public const int MaxAllMatching = 10_000;

    /// <summary>The ids of every customer the query's filters match (at most <see cref="MaxAllMatching"/>), read page by page.</summary>
    public async Task<ApiResult<List<int>>> MatchingIdsAsync(CustomerQuery query)
    {
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            var result = await ListCustomersAsync(query with { Sort = "customer_id", Descending = false, Page = page, Limit = 200 });
            if (!result.Succeeded)
            {
                return new(null, result.Problem);
            }
            ids.AddRange(result.Value!.Customers.Select(c => c.CustomerId));
            if (page >= result.Value.Pagination.TotalPages || ids.Count >= MaxAllMatching)
            {
                return new([.. ids.Distinct().Take(MaxAllMatching)], null);
            }
        }
    }

    /// <summary>
    /// <paramref name="action"/> is "archive", "unarchive" or "delete"; <paramref name="progress"/>
    /// hears how many ids are done after each request of <see cref="MaxBulkItems"/>.
    /// </summary>
    public async Task<ApiResult<BulkStateResponse>> BulkChangeStateAsync(string action, IReadOnlyList<int> ids, IProgress<int>? progress = null)
    {
        var skipped = new List<BulkSkipped>();
        var done = 0;
        BulkStateResponse? last = null;
        foreach (var chunk in ids.Chunk(MaxBulkItems))
        {
            var result = await SendAsync<BulkStateResponse>(HttpMethod.Post, $"{CustomersUrl}/bulk-{action}", new { customer_ids = chunk });
            if (!result.Succeeded)
            {
                return new(null, PartlyDone(result.Problem!, done, ids.Count, Past(action)));
            }
            last = result.Value!;
            skipped.AddRange(last.Skipped);
            done += chunk.Length;
            progress?.Report(done);
        }
        // One request: the API's own message; several: the same sentence for the whole.
        return new(ids.Count <= MaxBulkItems ? last : new BulkStateResponse(
            $"{ids.Count - skipped.Count} customer(s) {Past(action)} successfully", ids.Count, skipped), null);
    }

    /// <summary>Sets the same fields on every customer named (in requests of <see cref="MaxBulkItems"/>).</summary>
    public async Task<ApiResult<BulkUpdateResponse>> BulkUpdateAsync(IReadOnlyList<int> ids, IReadOnlyDictionary<string, object?> fields)
    {
        var (total, updated, failed) = (0, 0, 0);
        foreach (var chunk in ids.Chunk(MaxBulkItems))
        {
            var result = await SendAsync<BulkUpdateResponse>(HttpMethod.Put, $"{CustomersUrl}/bulk-update", new
            {
                updates = chunk.Select(id => new Dictionary<string, object?>(fields) { ["customer_id"] = id }).ToList(),
            });
            if (!result.Succeeded)
            {
                return new(null, total == 0 ? result.Problem : PartlyDone(result.Problem!, total, ids.Count, "updated"));
            }
            var summary = result.Value!.Summary;
            (total, updated, failed) = (total + summary.Total, updated + summary.Updated, failed + summary.Failed);
        }
        return new(new BulkUpdateResponse(new BulkUpdateSummary(total, updated, failed)), null);
    }

    private static string Past(string action) => action == "delete" ? "deleted" : action + "d";

    private static ApiProblem PartlyDone(ApiProblem problem, int done, int of, string past) => done == 0
        ? problem
        : problem with { Message = $"The first {done} of {of} customer(s) were {past}; the rest were not. {problem.Message}" };

    private string UsersUrl => $"api/tenants/{session.TenantId}/users";

    public Task<ApiResult<UserListResponse>> ListUsersAsync() => SendAsync<UserListResponse>(HttpMethod.Get, UsersUrl);

    public Task<ApiResult<UserResponse>> CreateUserAsync(string username, string? displayName, string role, string password) =>
        SendAsync<UserResponse>(HttpMethod.Post, UsersUrl, new { username, display_name = displayName, role, password });

    /// <summary>Changes what is given (null: unchanged; an empty display name clears it).</summary>
    public Task<ApiResult<UserResponse>> UpdateUserAsync(int userId, string? displayName = null, string? role = null, bool? disabled = null) =>
        SendAsync<UserResponse>(HttpMethod.Put, $"{UsersUrl}/{userId.ToString(CultureInfo.InvariantCulture)}",
            new Dictionary<string, object?> { ["display_name"] = displayName, ["role"] = role, ["disabled"] = disabled }
                .Where(f => f.Value is not null).ToDictionary());

    public Task<ApiResult<bool>> SetUserPasswordAsync(int userId, string password) =>
        SendWithoutAnswerAsync(HttpMethod.Post, $"{UsersUrl}/{userId.ToString(CultureInfo.InvariantCulture)}/password", new { password }, authenticated: true);

    public Task<ApiResult<ReminderListResponse>> ListRemindersAsync(int id) =>
        SendAsync<ReminderListResponse>(HttpMethod.Get, $"{CustomerUrl(id)}/reminders");

    public Task<ApiResult<CustomerResponse>> UpdateReminderSettingsAsync(int id, bool optIn, string preference) =>
        SendAsync<CustomerResponse>(HttpMethod.Put, $"{CustomerUrl(id)}/reminder-settings", new { reminder_opt_in = optIn, reminder_preference = preference });

    /// <summary>Sends a reminder through the customer's preferred channels; returns the attempts.</summary>
    public Task<ApiResult<ReminderListResponse>> SendReminderAsync(int id, string message) =>
        SendAsync<ReminderListResponse>(HttpMethod.Post, $"{CustomerUrl(id)}/reminders", new { message });

    /// <summary>The audit events that name the customer, newest first (admins only).</summary>
    public Task<ApiResult<AuditListResponse>> CustomerAuditAsync(int id) =>
        SendAsync<AuditListResponse>(HttpMethod.Get, $"api/tenants/{session.TenantId}/audit?customer_id={id.ToString(CultureInfo.InvariantCulture)}&limit=50");

    /// <summary>Everything held on the customer (§7), as the JSON file the API gives.</summary>
    public async Task<ApiResult<byte[]>> DataExportAsync(int id)
    {
        var file = await DownloadAsync($"{CustomerUrl(id)}/data-export");
        return new(file.Value.Bytes, file.Problem);
    }

    /// <summary>Erases the customer's personal data (admins); the record stays as an anonymous shell.</summary>
    /// <summary>A one-time link for the customer to set their portal password; e-mailed by the service when it can.</summary>
    public Task<ApiResult<PortalInvitationResponse>> InviteToPortalAsync(int id) =>
        SendAsync<PortalInvitationResponse>(HttpMethod.Post, $"{CustomerUrl(id)}/portal-invitation");

    public Task<ApiResult<CustomerResponse>> EraseAsync(int id) => SendAsync<CustomerResponse>(HttpMethod.Post, $"{CustomerUrl(id)}/erase");

    /// <summary>Uploads a CSV or Excel file and starts an import job (a dry run writes nothing); <paramref name="mapping"/> settles headers the API cannot match.</summary>
    public Task<ApiResult<ImportJobResponse>> StartImportAsync(Stream file, string fileName, bool dryRun, IReadOnlyDictionary<string, string?>? mapping = null)
    {
        var form = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv");
        form.Add(part, "file", fileName);
        if (mapping is not null)
        {
            form.Add(new StringContent(JsonSerializer.Serialize(mapping)), "mapping");
        }
        return SendAsync<ImportJobResponse>(HttpMethod.Post, $"{CustomersUrl}/imports?dry_run={(dryRun ? "true" : "false")}", form);
    }

    /// <summary>Undoes a completed import (created customers deleted, updated fields restored, customers changed since left).</summary>
    public Task<ApiResult<ImportJobResponse>> RevertImportAsync(long jobId) =>
        SendAsync<ImportJobResponse>(HttpMethod.Post, $"{CustomersUrl}/imports/{jobId.ToString(CultureInfo.InvariantCulture)}/revert");

    /// <summary>The tenant's deleted customers (admins).</summary>
    public Task<ApiResult<CustomerListResponse>> ListDeletedCustomersAsync(string? search, int page, int limit) =>
        SendAsync<CustomerListResponse>(HttpMethod.Get, $"{CustomersUrl}?deleted=true&sort=-updated_at&page={page.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
            + (string.IsNullOrWhiteSpace(search) ? "" : "&search=" + Uri.EscapeDataString(search.Trim())));

    public Task<ApiResult<CustomerResponse>> RestoreCustomerAsync(int id) => SendAsync<CustomerResponse>(HttpMethod.Post, $"{CustomerUrl(id)}/restore");

    public Task<ApiResult<ImportJobResponse>> GetImportAsync(long jobId) =>
        SendAsync<ImportJobResponse>(HttpMethod.Get, $"{CustomersUrl}/imports/{jobId.ToString(CultureInfo.InvariantCulture)}");

    public Task<ApiResult<ImportListResponse>> ListImportsAsync() => SendAsync<ImportListResponse>(HttpMethod.Get, $"{CustomersUrl}/imports");

    /// <summary>Imports a completed dry run's file for real: a new job, no second upload.</summary>
    public Task<ApiResult<ImportJobResponse>> RunDryRunAsync(long jobId) =>
        SendAsync<ImportJobResponse>(HttpMethod.Post, $"{CustomersUrl}/imports/{jobId.ToString(CultureInfo.InvariantCulture)}/run");

    public Task<ApiResult<ImportJobResponse>> CancelImportAsync(long jobId) =>
        SendAsync<ImportJobResponse>(HttpMethod.Delete, $"{CustomersUrl}/imports/{jobId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The failed rows as uploaded, plus Row and Error, as CSV.</summary>
    public async Task<ApiResult<byte[]>> ImportErrorsAsync(long jobId)
    {
        var file = await DownloadAsync($"{CustomersUrl}/imports/{jobId.ToString(CultureInfo.InvariantCulture)}/errors");
        return new(file.Value.Bytes, file.Problem);
    }

    public Task<ApiResult<CustomerStatsResponse>> StatsAsync() => SendAsync<CustomerStatsResponse>(HttpMethod.Get, $"{CustomersUrl}/stats");

    /// <summary>The tenant's latest audit events, newest first (admins only).</summary>
    public Task<ApiResult<AuditListResponse>> RecentAuditAsync(int limit) =>
        SendAsync<AuditListResponse>(HttpMethod.Get, $"api/tenants/{session.TenantId}/audit?limit={limit.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The data-protection report for a period (admins); null dates take the API's default (the last 12 months).</summary>
    public Task<ApiResult<ComplianceReport>> ComplianceReportAsync(DateOnly? from, DateOnly? to) =>
        SendAsync<ComplianceReport>(HttpMethod.Get, ComplianceUrl(from, to));

    public async Task<ApiResult<(byte[] Bytes, string FileName)>> ComplianceReportCsvAsync(DateOnly? from, DateOnly? to)
    {
        var file = await DownloadAsync(ComplianceUrl(from, to), "text/csv");
        return new((file.Value.Bytes, file.Value.FileName ?? "compliance-report.csv"), file.Problem);
    }

    private string ComplianceUrl(DateOnly? from, DateOnly? to) =>
        $"api/tenants/{session.TenantId}/compliance-report?" + string.Join('&', new[]
        {
            from is { } f ? "from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            to is { } t ? "to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        }.OfType<string>());

    private string CustomerUrl(int id) => $"{CustomersUrl}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The CSV the export gives for the list's filters, with the file name the service suggests.</summary>
    public async Task<ApiResult<(byte[] Bytes, string FileName)>> ExportAsync(CustomerQuery query)
    {
        var file = await DownloadAsync($"{CustomersUrl}/export?{query.FilterQueryString()}");
        return new((file.Value.Bytes, file.Value.FileName ?? "customers.csv"), file.Problem);
    }

    /// <summary>A file the API gives (its bytes, and the name it suggests, if any).</summary>
    private async Task<ApiResult<(byte[] Bytes, string? FileName)>> DownloadAsync(string url, string? accept = null)
    {
        var response = await SendRawAsync(HttpMethod.Get, url, null, authenticated: true, accept);
        if (response.Problem is not null)
        {
            return new(default, response.Problem);
        }
        using var message = response.Value!;
        return new((await message.Content.ReadAsByteArrayAsync(), message.Content.Headers.ContentDisposition?.FileName?.Trim('"')), null);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, object? body = null, bool authenticated = true)
    {
        var response = await SendRawAsync(method, url, body, authenticated);
        if (response.Problem is not null)
        {
            return new(default, response.Problem);
        }
        using var message = response.Value!;
        try
        {
            return new(await message.Content.ReadFromJsonAsync<T>(Wire.Json), null);
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or NotSupportedException)
        {
            return new(default, ApiProblem.ConnectionLost());
        }
    }

    /// <summary>A call answered 204: whether it succeeded, or why not.</summary>
    private async Task<ApiResult<bool>> SendWithoutAnswerAsync(HttpMethod method, string url, object body, bool authenticated)
    {
        var response = await SendRawAsync(method, url, body, authenticated);
        response.Value?.Dispose();
        return new(response.Succeeded, response.Problem);
    }

    private async Task<ApiResult<HttpResponseMessage>> SendRawAsync(HttpMethod method, string url, object? body, bool authenticated, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Wire.Json);
        }
        if (authenticated && session.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return new(null, ApiProblem.ConnectionLost());
        }
        if (response.IsSuccessStatusCode)
        {
            return new(response, null);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized && authenticated)
            {
                await session.SignOutAsync();
                navigation.NavigateTo("sign-in?expired=true");
            }
            return new(null, await ProblemFromAsync(response));
        }
    }

    private static async Task<ApiProblem> ProblemFromAsync(HttpResponseMessage response)
    {
        string? detail = null;
        var fields = new Dictionary<string, string[]>();
        List<ImportColumnMatch>? columns = null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (body.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (body.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString();
                }
                if (body.RootElement.TryGetProperty("columns", out var matches) && matches.ValueKind == JsonValueKind.Array)
                {
                    columns = matches.Deserialize<List<ImportColumnMatch>>(Wire.Json);
                }
                if (body.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errors.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
                    {
                        fields[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem body (a proxy's page, say): the status decides the sentence.
        }
        var status = response.StatusCode;
        var message = status switch
        {
            HttpStatusCode.TooManyRequests =>
                $"Too many requests for now: please wait {response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) ?? "a few"} seconds and try again.",
            HttpStatusCode.Unauthorized => detail ?? "Please sign in again.",
            HttpStatusCode.Forbidden => "You do not have access to this.",
            >= HttpStatusCode.InternalServerError => "Something went wrong on our side. Nothing you typed is lost; please try again in a moment.",
            _ => detail ?? "The request could not be completed.",
        };
        return new ApiProblem(status, message, fields) { Columns = columns };
    }
}
