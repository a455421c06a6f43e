namespace Customers.Api.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector on a loopback port: keeps every span posted to <c>/v1/traces</c>
/// (protobuf), read with a minimal wire-format reader, since the test only needs a few fields.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = TestRepository.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                var spans = ReadTraces(body.ToArray());
                lock (_spans)
                {
                    _spans.AddRange(spans);
                }
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest: resource_spans = 1; ResourceSpans: scope_spans = 2; ScopeSpans: spans = 2.
    private static IEnumerable<OtlpSpan> ReadTraces(byte[] request) =>
        from resourceSpans in Fields(request).Where(f => f.Number == 1)
        from scopeSpans in Fields(resourceSpans.Bytes).Where(f => f.Number == 2)
        from span in Fields(scopeSpans.Bytes).Where(f => f.Number == 2)
        select ReadSpan(span.Bytes);

    // Span: span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9 (KeyValue: key = 1, value = 2).
    private static OtlpSpan ReadSpan(byte[] span)
    {
        var fields = Fields(span).ToList();
        var attributes = new Dictionary<string, string>();
        foreach (var attribute in fields.Where(f => f.Number == 9))
        {
            var keyValue = Fields(attribute.Bytes).ToList();
            var key = Text(keyValue.First(f => f.Number == 1).Bytes);
            // AnyValue: string_value = 1, int_value = 3; other kinds are not needed here.
            var value = keyValue.FirstOrDefault(f => f.Number == 2)?.Bytes is { } any
                ? Fields(any).FirstOrDefault() switch
                {
                    { Number: 1 } text => Text(text.Bytes),
                    { Number: 3 } number => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "",
                }
                : "";
            attributes[key] = value;
        }
        return new OtlpSpan(
            Convert.ToHexString(fields.First(f => f.Number == 2).Bytes),
            fields.FirstOrDefault(f => f.Number == 4)?.Bytes is { Length: > 0 } parent ? Convert.ToHexString(parent) : null,
            Text(fields.First(f => f.Number == 5).Bytes),
            (int)(fields.FirstOrDefault(f => f.Number == 6)?.Value ?? 0),
            attributes);
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    private sealed record Field(int Number, ulong Value, byte[] Bytes);

    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var (number, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, Varint(message, ref position), []);
                    break;
                case 1:
                    yield return new Field(number, BitConverter.ToUInt64(message, position), []);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    yield return new Field(number, 0, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    yield return new Field(number, BitConverter.ToUInt32(message, position), []);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {wireType}");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>One received span. Kind: 2 server, 3 client.</summary>
public sealed record OtlpSpan(string SpanId, string? ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);
