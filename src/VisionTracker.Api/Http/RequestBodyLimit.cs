using Microsoft.AspNetCore.Http.Metadata;

namespace VisionTracker.Api.Http;

/// <summary>
/// The request-body limit, <c>Limits:MaxRequestBodyBytes</c> (1 MiB; an endpoint's own request-size metadata wins), in
/// the service's own pipeline, so that it holds under any server and not only under Kestrel (whose limit is set to the
/// same figure). It acts as Kestrel's does: reading a body that declares a larger <c>Content-Length</c>, or that grows
/// past the limit as it is read, fails with a 413 <see cref="BadHttpRequestException"/>, which the service answers as
/// a problem (<c>BodyTooLarge</c>); a request that nobody reads the body of is answered as before.
/// </summary>
public static class RequestBodyLimit
{
    public const string Setting = "Limits:MaxRequestBodyBytes";

    public static long Of(IConfiguration configuration) => configuration.GetValue(Setting, 1_048_576L);

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var configured = Of(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use((http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata ? metadata.MaxRequestBodySize : configured;
            if (limit is { } max)
            {
                http.Request.Body = new LimitedBody(http.Request.Body, max, http.Request.ContentLength);
            }

            return next(http);
        });
    }

    /// <summary>A read-only view of the request body that refuses to read past <c>max</c> bytes.</summary>
    private sealed class LimitedBody(Stream inner, long max, long? declared) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Check(0);
            return Count(inner.Read(buffer));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(0);
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            Check(bytes);
            read += bytes;
            return bytes;
        }

        /// <summary>Kestrel's words and status, before the first byte when the declared length is too large.</summary>
        private void Check(int more)
        {
            if (declared > max || read + more > max)
            {
                throw new BadHttpRequestException($"Request body too large. The max request body size is {max} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
        }
    }
}
