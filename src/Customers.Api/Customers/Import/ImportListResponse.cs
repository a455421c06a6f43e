using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

public sealed record ImportListResponse(IReadOnlyList<ImportJobResponse> Imports);
