import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Wire

/// The service's numbers for `/metrics`, through swift-metrics into a Prometheus registry of the
/// service's own (no process-wide bootstrap: tests run several services in one process).
struct ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    var factory: PrometheusMetricsFactory { PrometheusMetricsFactory(registry: registry) }

    func polled(_ report: PollReport) {
        for outcome in report.outcomes {
            Counter(label: "mediawire_polls_total", dimensions: [("outcome", outcome.status.rawValue)], factory: factory).increment()
            if let status = outcome.httpStatus {
                Counter(label: "mediawire_poll_http_responses_total", dimensions: [("status", String(status))], factory: factory)
                    .increment()
            }
        }
        Counter(label: "mediawire_reports_new_total", factory: factory).increment(by: report.inserted)
        Counter(label: "mediawire_reports_updated_total", factory: factory).increment(by: report.updated)
    }

    /// Seconds since each source's last successful poll (sources never polled successfully are left out).
    func sinceSuccess(_ states: [String: SourceState], now: Double) {
        for (id, state) in states {
            guard let success = state.lastSuccess else { continue }
            Gauge(label: "mediawire_source_seconds_since_success", dimensions: [("source", id)], factory: factory)
                .record(now - success)
        }
    }

    func generated(seconds: Double, entries: Int, ok: Bool) {
        Gauge(label: "mediawire_generate_seconds", factory: factory).record(seconds)
        Gauge(label: "mediawire_wire_entries", factory: factory).record(entries)
        Counter(label: "mediawire_generations_total", dimensions: [("result", ok ? "ok" : "error")], factory: factory).increment()
    }

    func served(status: Int) {
        Counter(label: "mediawire_http_requests_total", dimensions: [("status", String(status))], factory: factory).increment()
    }

    func text() -> [UInt8] { registry.emitToBuffer() }
}
