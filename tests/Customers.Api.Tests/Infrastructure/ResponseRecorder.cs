using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>One API response a test received: what the contract test checks against the OpenAPI document.</summary>
public sealed record RecordedResponse(string Method, string Route, int Status, string? MediaType, byte[]? Body);

/// <summary>
/// Keeps every /api response of every test host in this process (first in the pipeline, so the
/// 401s, 429s and problem bodies of later middleware are kept too). The body is teed, not
/// buffered: streamed responses still stream, and only the first 256 KB are kept.
/// </summary>
public sealed class ResponseRecorder : IStartupFilter
{
    public static ConcurrentQueue<RecordedResponse> Responses { get; } = new();

    public const string NoEndpoint = "(no endpoint)";

    private const int MaxKept = 256 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await nextMiddleware(context);
                return;
            }
            var original = context.Response.Body;
            using var tee = new TeeStream(original, MaxKept);
            context.Response.Body = tee;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? NoEndpoint;
            Responses.Enqueue(new RecordedResponse(context.Request.Method, route, context.Response.StatusCode,
                context.Response.ContentType?.Split(';')[0].Trim(), tee.Overflowed ? null : tee.Kept.ToArray()));
        });
        next(app);
    };

    private sealed class TeeStream(Stream inner, int limit) : Stream
    {
        public MemoryStream Kept { get; } = new();

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed || Kept.Length + bytes.Length > limit)
            {
                Overflowed = true;
                return;
            }
            Kept.Write(bytes);
        }
    }
}
