using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sylvan.Data.Csv;

namespace Customers.Api.Customers.Import;

/// <summary>CSV import jobs (§8): upload (stored before 202), status, failed rows as CSV, cancel, list.</summary>
public static class ImportsApi
{
    public static RouteGroupBuilder MapCustomerImportsApi(this RouteGroupBuilder customers)
    {
        var maxUpload = ((IEndpointRouteBuilder)customers).ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes;
        customers.MapPost("/imports", CreateAsync)
            .WithName("StartImport")
            .WithSummary("Upload a CSV (text/csv body, or multipart with a 'file' part) and start an import job")
            .RequireRateLimiting(RateLimitRegistration.HeavyPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload))
            .Accepts<string>("text/csv", [.. ImportUpload.CsvMediaTypes.Skip(1), "multipart/form-data"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        customers.MapGet("/imports", ListAsync)
            .WithName("ListImports")
            .WithSummary("The tenant's import jobs, newest first");
        customers.MapGet("/imports/{jobId}", GetAsync)
            .WithName("GetImport")
            .WithSummary("One import job's status and counts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapGet("/imports/{jobId}/errors", ErrorsAsync)
            .WithName("GetImportErrors")
            .WithSummary("The failed rows as uploaded, plus Row and Error columns, as CSV")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPost("/imports/{jobId}/run", RunAsync)
            .WithName("RunDryRunForReal")
            .WithSummary("Start the real import of a completed dry run's stored file: 202 and a new job, no second upload")
            .RequireRateLimiting(RateLimitRegistration.HeavyPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapPost("/imports/{jobId}/revert", RevertAsync)
            .WithName("RevertImport")
            .WithSummary("Undo a completed import within 30 days, in the background (202; the job is 'reverting', then 'reverted'): created customers are deleted, updated fields get their old values back; customers changed since are left and listed")
            .RequireRateLimiting(RateLimitRegistration.HeavyPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapDelete("/imports/{jobId}", CancelAsync)
            .WithName("CancelImport")
            .WithSummary("Cancel a queued or running import job")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return customers;
    }

    public static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        int tenantId,
        [FromQuery(Name = "dry_run")] string? dryRun,
        [FromQuery(Name = "allow_duplicates")] string? allowDuplicates,
        [FromQuery(Name = "mapping")] string? mapping,
        HttpContext http,
        ClaimsPrincipal user,
        CustomersDbContext db,
        IOptions<ImportOptions> options,
        ImportProcessor processor,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var flagErrors = new Dictionary<string, List<string>>();
        var isDryRun = BulkRequest.ReadFlag(dryRun, "dry_run", flagErrors);
        var allow = BulkRequest.ReadFlag(allowDuplicates, "allow_duplicates", flagErrors);
        if (flagErrors.Count > 0)
        {
            return Problems.Validation(flagErrors);
        }
        if (await db.IsUnknownTenantAsync(user, tenantId, cancellationToken))
        {
            return Problems.NotFound($"Tenant {tenantId} not found");
        }

        var temp = Path.GetTempFileName();
        var converted = temp + ".csv";
        try
        {
            var upload = await ImportUpload.SaveAsync(http.Request, temp, cancellationToken);
            if (upload.Problem is not null)
            {
                return upload.Problem;
            }
            if (upload.Mapping is not null && !string.IsNullOrEmpty(mapping))
            {
                return Problems.BadRequest("Give the mapping once: as the query parameter or as the multipart part, not both");
            }
            var columnMapping = ImportColumns.ReadMapping(upload.Mapping ?? mapping, out var mappingProblem);
            if (mappingProblem is not null)
            {
                return Problems.BadRequest(mappingProblem);
            }
            var problem = await CheckFileAsync(temp, converted, upload.Size, options.Value.MaxUploadBytes, columnMapping, cancellationToken);
            if (problem.Problem is not null)
            {
                return problem.Columns is null
                    ? Problems.BadRequest(problem.Problem)
                    // Each header with what it matched and its likeliest fields: enough for a client to offer a mapping.
                    : TypedResults.Problem(problem.Problem, statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["columns"] = problem.Columns });
            }

            var now = clock.UtcNow();
            var job = new ImportJob
            {
                TenantId = tenantId,
                CreatedBy = user.UserId(),
                DryRun = isDryRun,
                AllowDuplicates = allow,
                FileName = upload.FileName,
                SizeBytes = upload.Size,
                Encoding = problem.Encoding,
                Columns = JsonSerializer.Serialize(problem.Header),
                Mapping = JsonSerializer.Serialize(problem.Mapping),
                CreatedAt = now,
            };
            // The job and every chunk of the file commit together: a 202 means the upload is safe.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            await StoreChunksAsync(db, job, problem.StoredPath, options.Value.ChunkBytes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            processor.Wake();
            return TypedResults.Accepted($"/api/tenants/{tenantId}/customers/imports/{job.Id}", ImportJobResponse.From(job));
        }
        finally
        {
            File.Delete(temp);
            File.Delete(converted);
        }
    }

    public static async Task<Ok<ImportListResponse>> ListAsync(int tenantId, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var jobs = await db.ImportJobs.AsNoTracking()
            .Where(j => j.TenantId == tenantId)
            .OrderByDescending(j => j.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ImportListResponse(jobs.Select(ImportJobResponse.From).ToList()));
    }

    public static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> GetAsync(
        int tenantId, long jobId, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        return job is null ? JobNotFound(jobId) : TypedResults.Ok(ImportJobResponse.From(job));
    }

    public static async Task<IResult> ErrorsAsync(int tenantId, long jobId, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return JobNotFound(jobId);
        }
        var header = JsonSerializer.Deserialize<string[]>(job.Columns) ?? [];
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(true), 64 * 1024) { NewLine = "\r\n" };
            await writer.WriteLineAsync(string.Join(',', header.Append("Row").Append("Error").Select(CustomerCsv.Quote)));
            var rows = db.ImportRowErrors.AsNoTracking()
                .Where(e => e.TenantId == tenantId && e.JobId == jobId)
                .OrderBy(e => e.Row)
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                var cells = JsonSerializer.Deserialize<string[]>(row.Cells) ?? [];
                var padded = cells.Concat(Enumerable.Repeat("", Math.Max(0, header.Length - cells.Length))).Take(Math.Max(header.Length, cells.Length));
                // Cells as uploaded, but formula-safe as the export's: a spreadsheet opening the
                // error file must not run "=HYPERLINK(…)" (the importer removes the prefix again).
                await writer.WriteLineAsync(string.Join(',', padded
                    .Append(row.Row.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(row.Error)
                    .Select(cell => CustomerCsv.Quote(CustomerCsv.Neutralise(cell)))));
            }
        }, "text/csv; charset=utf-8", $"import-{jobId}-errors.csv");
    }

    public static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> RunAsync(
        int tenantId, long jobId, ClaimsPrincipal user, CustomersDbContext db, ImportProcessor processor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dryRun = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        if (dryRun is null)
        {
            return JobNotFound(jobId);
        }
        if (!dryRun.DryRun || dryRun.Status != ImportStatus.Completed)
        {
            return Problems.Conflict(dryRun.DryRun
                ? $"Import {jobId} is a dry run that has not completed ({dryRun.Status}): only a completed dry run can be run for real"
                : $"Import {jobId} is not a dry run: upload the file again to import it again");
        }
        var job = new ImportJob
        {
            TenantId = tenantId,
            CreatedBy = user.UserId(),
            DryRun = false,
            AllowDuplicates = dryRun.AllowDuplicates,
            FileName = dryRun.FileName,
            SizeBytes = dryRun.SizeBytes,
            Encoding = dryRun.Encoding,
            Columns = dryRun.Columns,
            Mapping = dryRun.Mapping,
            CreatedAt = clock.UtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        // The file is copied inside the database, chunk by chunk: nothing passes through this process.
        var copied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO import_chunks (tenant_id, job_id, sequence, data)
            SELECT tenant_id, {job.Id}, sequence, data FROM import_chunks WHERE tenant_id = {tenantId} AND job_id = {jobId}
            """, cancellationToken);
        if (copied == 0)
        {
            return Problems.Conflict($"The file of dry run {jobId} is no longer kept (dry runs keep theirs for a day): upload it again");
        }
        db.AuditEvents.Add(AuditEvent.Create(tenantId, user.UserId(), AuditActions.ImportRun, [],
            new { import_job_id = job.Id, dry_run_job_id = jobId }, job.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        processor.Wake();
        return TypedResults.Accepted($"/api/tenants/{tenantId}/customers/imports/{job.Id}", ImportJobResponse.From(job));
    }

    /// <summary>
    /// Starts the revert of a completed import (§8): the job becomes <c>reverting</c> and the import
    /// processor undoes it in the background, claimed from the jobs table like an import, so that
    /// a big import's revert neither holds a request open nor stops with the instance that took it.
    /// </summary>
    public static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> RevertAsync(
        int tenantId, long jobId, ClaimsPrincipal user, CustomersDbContext db, ImportProcessor processor, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return JobNotFound(jobId);
        }
        if (ImportRevert.Refusal(job, clock.UtcNow()) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }
        // Completed → reverting once: of two requests at once, the second is refused as the job has moved on.
        var started = await db.ImportJobs
            .Where(j => j.TenantId == tenantId && j.Id == jobId && j.Status == ImportStatus.Completed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Reverting)
                .SetProperty(j => j.RevertedBy, user.UserId())
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.FailedAttempts, 0)
                .SetProperty(j => j.ClaimedBy, (string?)null)
                .SetProperty(j => j.ClaimedUntil, (DateTime?)null), cancellationToken);
        job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        if (started == 0)
        {
            return Problems.Conflict(ImportRevert.Refusal(job, clock.UtcNow()) ?? $"Import {jobId} is {job.Status}");
        }
        processor.Wake();
        return TypedResults.Accepted($"/api/tenants/{tenantId}/customers/imports/{job.Id}", ImportJobResponse.From(job));
    }

    public static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> CancelAsync(
        int tenantId, long jobId, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var cancelled = await db.ImportJobs
            .Where(j => j.TenantId == tenantId && j.Id == jobId && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Cancelled)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        if (cancelled == 1)
        {
            // The file is not needed any more (a processor still on it stops at its next batch).
            await db.ImportChunks.Where(c => c.TenantId == tenantId && c.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        }
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return JobNotFound(jobId);
        }
        return cancelled == 1
            ? TypedResults.Ok(ImportJobResponse.From(job))
            : Problems.Conflict($"Import {jobId} has already finished ({job.Status}) and cannot be cancelled");
    }

    private sealed record FileCheck(
        string? Problem, string[] Header, string Encoding = ImportFile.Utf8, string StoredPath = "",
        Dictionary<string, string?>? Mapping = null, List<ImportColumns.ColumnMatch>? Columns = null);

    /// <summary>
    /// What can be known of the file before accepting it: not empty, an Excel workbook (turned
    /// into CSV at <paramref name="convertedPath"/>) or text (UTF-8, else read as Windows-1252),
    /// a header whose every column is matched or mapped.
    /// </summary>
    private static async Task<FileCheck> CheckFileAsync(
        string path, string convertedPath, long size, long maxUploadBytes, Dictionary<string, string?>? mapping, CancellationToken cancellationToken)
    {
        if (size == 0)
        {
            return new FileCheck("The file is empty", []);
        }
        var start = new byte[8192];
        int startLength;
        await using (var head = File.OpenRead(path))
        {
            startLength = await head.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        }
        if (ImportWorkbook.LooksLikeZip(start.AsSpan(0, startLength)))
        {
            // Text of a sheet takes several times its zipped size; past that, it is a zip bomb more likely than customers.
            if (await ImportWorkbook.ConvertToCsvAsync(path, convertedPath, maxUploadBytes * 8, cancellationToken) is { } notWorkbook)
            {
                return new FileCheck(notWorkbook, []);
            }
            path = convertedPath;
        }
        else if (ImportFile.DescribeNonText(start.AsSpan(0, startLength)) is { } notText)
        {
            return new FileCheck(notText, []);
        }
        await using var stream = File.OpenRead(path);
        var encoding = await ImportFile.FindInvalidUtf8Async(stream, cancellationToken) >= 0 ? ImportFile.Windows1252 : ImportFile.Utf8;
        stream.Position = 0;
        using var text = new StreamReader(stream, ImportFile.EncodingOf(encoding), detectEncodingFromByteOrderMarks: encoding == ImportFile.Utf8);
        try
        {
            await using var reader = await CsvDataReader.CreateAsync(text, ImportFile.ReaderOptions, cancellationToken);
            var header = ImportFile.ReadHeader(reader);
            var resolved = ImportColumns.Resolve(header, mapping, out var problem);
            return resolved is null
                ? new FileCheck(problem, header, Columns: ImportColumns.Describe(header))
                : new FileCheck(null, header, encoding, path, resolved.Mapping);
        }
        catch (CsvFormatException e)
        {
            return new FileCheck($"The header line cannot be read as CSV: {e.Message}", []);
        }
    }

    private static async Task StoreChunksAsync(CustomersDbContext db, ImportJob job, string path, int chunkBytes, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[chunkBytes];
        var sequence = 0;
        int read;
        while ((read = await stream.ReadAtLeastAsync(buffer, chunkBytes, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            db.ImportChunks.Add(new ImportChunk { TenantId = job.TenantId, JobId = job.Id, Sequence = sequence++, Data = buffer[..read] });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private static ProblemHttpResult JobNotFound(long jobId) => Problems.NotFound($"Import {jobId} not found");
}
