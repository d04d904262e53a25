# dedupe: one static binary in a distroless image.
#
#   docker build -t dedupe .
#   docker run --rm dedupe migrate          # or serve | work | all (default)
#
# No BuildKit-only syntax (RUN --mount, heredocs) so that the classic builder,
# which Debian's docker-compose 1.29 may fall back to, builds it too.

FROM golang:1.26-bookworm AS build
WORKDIR /src

# Dependencies first: this layer is rebuilt only when go.mod/go.sum change.
COPY go.mod go.sum ./
RUN go mod download && go mod verify

COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /dedupe ./cmd/dedupe

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /dedupe /dedupe
USER nonroot:nonroot
# 8080: HTTP API (/healthz /readyz /metrics); 9090: worker metrics (DEDUPE_METRICS_ADDR).
EXPOSE 8080 9090
ENTRYPOINT ["/dedupe"]
CMD ["all"]
