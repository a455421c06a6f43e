using System.Net.Http.Json;
using System.Text.Json;
using Customers.Web.Api;
using Customers.Web.Session;
using Customers.Web.Tests.Components;
using Microsoft.AspNetCore.Components;

namespace Customers.Web.Tests.Api;

/// <summary>"Select all matching" sends long id lists: in requests of the API's 500, with progress, and an honest account of a failure half-way.</summary>
public sealed class CustomersClientBulkTests : ComponentContext
{
    private sealed class ApiStub(Func<int, int[], HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<int[]> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var ids = body.RootElement.GetProperty("customer_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Requests.Add(ids);
            return answer(Requests.Count, ids);
        }
    }

    private sealed class RecordedProgress : IProgress<int>
    {
        public List<int> Reports { get; } = [];

        public void Report(int value) => Reports.Add(value);
    }

    private CustomersClient ClientFor(ApiStub api) =>
        new(new HttpClient(api) { BaseAddress = new Uri("http://service.test/") }, new UserSession(JSInterop.JSRuntime), Services.GetRequiredService<NavigationManager>());

    private static HttpResponseMessage Archived(int[] ids) => new(HttpStatusCode.OK)
    {
        // Each request's first id was already archived.
        Content = JsonContent.Create(new { message = $"{ids.Length - 1} customer(s) archived successfully", requested = ids.Length, skipped = new[] { new { id = ids[0], reason = "Already archived" } } }),
    };

    [Fact]
    public async Task A_long_list_goes_in_requests_of_500_and_their_answers_add_up()
    {
        var api = new ApiStub((_, ids) => Archived(ids));
        var progress = new RecordedProgress();

        var result = await ClientFor(api).BulkChangeStateAsync("archive", Enumerable.Range(1, 1234).ToList(), progress);

        api.Requests.Select(r => r.Length).ShouldBe([500, 500, 234]);
        api.Requests.SelectMany(r => r).ShouldBe(Enumerable.Range(1, 1234));
        progress.Reports.ShouldBe([500, 1000, 1234]);
        result.Value.ShouldNotBeNull().Message.ShouldBe("1231 customer(s) archived successfully");
        result.Value.Skipped.Select(s => s.Id).ShouldBe([1, 501, 1001]);
    }

    [Fact]
    public async Task A_failure_half_way_says_how_many_were_changed_before_it()
    {
        var api = new ApiStub((request, ids) => request == 1 ? Archived(ids) : new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var result = await ClientFor(api).BulkChangeStateAsync("delete", Enumerable.Range(1, 1200).ToList());

        api.Requests.Count.ShouldBe(2);
        result.Succeeded.ShouldBeFalse();
        result.Problem!.Message.ShouldStartWith("The first 500 of 1200 customer(s) were deleted; the rest were not. Something went wrong on our side.");
    }

    [Fact]
    public async Task A_short_list_is_one_request_with_the_APIs_own_message()
    {
        var api = new ApiStub((_, ids) => Archived(ids));

        var result = await ClientFor(api).BulkChangeStateAsync("archive", [7, 8, 9]);

        api.Requests.ShouldHaveSingleItem().ShouldBe([7, 8, 9]);
        result.Value!.Message.ShouldBe("2 customer(s) archived successfully");
    }
}
