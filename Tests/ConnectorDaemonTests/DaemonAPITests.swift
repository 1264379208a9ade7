import ConnectorDaemon
import ConnectorJSON
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Testing

/// The daemon's HTTP side over real loopback HTTP: health, readiness, the read API, the token-protected trigger,
/// 404/405 answers, and Prometheus metrics under the names docs/api.md gives.
@Suite(.timeLimit(.minutes(2))) struct DaemonAPITests {
    @Test func healthReadinessAndTheReadAPI() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")]) { daemon in
            try await eventually("the first scheduled sync") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.finishedAt != nil
            }
            #expect(try await daemon.json("/healthz") == ["status": "ok"])
            let ready = try await daemon.request(.GET, "/readyz")
            #expect(ready.status == 200 && ready.body.contains(#""status":"ready""#), "\(ready.body)")

            let list = try await daemon.json("/api/v1/endpoints")["endpoints"]?.arrayValue ?? []
            #expect(list.map { $0["name"]?.stringValue } == ["alpha"])
            #expect(list.first?["files"]?["present"] == .integer(1))
            #expect(try await daemon.json("/api/v1/endpoints/alpha")["state"] == "active")
            let runs = try await daemon.json("/api/v1/endpoints/alpha/runs")["runs"]?.arrayValue ?? []
            #expect(runs.first?["trigger"] == "schedule" && runs.first?["status"] == "succeeded")

            let unknown = try await daemon.request(.GET, "/api/v1/endpoints/nope")
            #expect(unknown.status == 404 && unknown.body.contains("no endpoint named nope"))
            let unknownRuns = try await daemon.request(.GET, "/api/v1/endpoints/nope/runs")
            #expect(unknownRuns.status == 404)
            let wrongMethod = try await daemon.request(.DELETE, "/api/v1/endpoints/alpha")
            #expect(wrongMethod.status == 405 && wrongMethod.headers.first(name: "allow") == "GET, HEAD")
            let getTrigger = try await daemon.request(.GET, "/api/v1/endpoints/alpha/sync")
            #expect(getTrigger.status == 405 && getTrigger.headers.first(name: "allow") == "POST")
            let noPath = try await daemon.request(.GET, "/admin")
            #expect(noPath.status == 404 && noPath.headers.first(name: "content-type")?.hasPrefix("application/json") == true)
            let head = try await daemon.request(.HEAD, "/healthz")
            #expect(head.status == 200, "HEAD is allowed wherever GET is, and answered")
        }
    }

    /// `GET /api/v1/changes`: the store's events after a cursor, filtered, and held open until one comes when asked
    /// to wait; a parameter it cannot use is a 400 that names it.
    @Test func theChangesAPIReadsTheOutboxAndWaitsForNewEvents() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")]) { daemon in
            try await eventually("the first scheduled sync") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.finishedAt != nil
            }
            let all = try await daemon.json("/api/v1/changes")
            let types = (all["changes"]?.arrayValue ?? []).map { $0["type"]?.stringValue }
            #expect(types == ["endpoint.created", "sync.started", "file.created", "sync.succeeded"], "\(all)")
            #expect(all["next"] == .integer(4))
            let file = all["changes"]?.arrayValue?[2]
            #expect(file?["file"]?["endpoint"] == "alpha" && file?["file"]?["state"] == "present", "the file's record: \(all)")
            #expect(file?["data"]?["id"] == file?["file"]?["id"] && file?["data"]?["id"]?.stringValue != nil)
            let succeeded = try await daemon.json("/api/v1/changes?type=sync.succeeded,sync.failed&endpoint=alpha")
            #expect((succeeded["changes"]?.arrayValue ?? []).map { $0["sequence"] } == [.integer(4)])
            let page = try await daemon.json("/api/v1/changes?after=1&limit=1")
            #expect((page["changes"]?.arrayValue ?? []).map { $0["sequence"] } == [.integer(2)] && page["next"] == .integer(2))
            let none = try await daemon.json("/api/v1/changes?after=4")
            #expect(none["changes"]?.arrayValue?.isEmpty == true && none["next"] == .integer(4))

            // Held open until a new manifest's endpoint is created.
            let started = ContinuousClock.now
            async let waited = daemon.json("/api/v1/changes?after=4&wait=60s&type=endpoint.created")
            try await Task.sleep(for: .milliseconds(500))
            try daemon.directory.write("manifests/beta.yaml", localManifest("beta"))
            let created = try await waited
            #expect((created["changes"]?.arrayValue ?? []).map { $0["endpoint"] } == ["beta"], "\(created)")
            #expect(ContinuousClock.now - started < .seconds(45), "answered when the event came, not at the end of the wait")

            // By label selector: alpha has no labels.
            let unlabelled = try await daemon.json("/api/v1/changes?labelSelector=!env&type=endpoint.created")
            #expect((unlabelled["changes"]?.arrayValue ?? []).compactMap { $0["endpoint"]?.stringValue } == ["alpha", "beta"])
            let labelled = try await daemon.json("/api/v1/changes?labelSelector=env%3Dprod")
            #expect(labelled["changes"]?.arrayValue?.isEmpty == true, "\(labelled)")

            for (query, named) in [
                ("after=-1", "after"), ("limit=0", "limit"), ("type=file.bogus", "type"), ("wait=2m", "wait"),
                ("labelSelector=env%20in%20prod", "labelSelector"),
            ] {
                let refused = try await daemon.request(.GET, "/api/v1/changes?" + query)
                #expect(refused.status == 400 && refused.body.contains(named), "\(query): \(refused.body)")
            }
        }
    }

    /// The daemon compacts the change log to its retention; a cursor that compaction overtook is a 410 that says
    /// where the kept events begin, never a silent gap.
    @Test func theChangeLogIsCompactedAndAnOvertakenCursorIsGone() async throws {
        try await DaemonHarness.run(
            manifests: ["alpha.yaml": localManifest("alpha")],
            configure: {
                $0.changeRetention = ChangeRetention(maxCount: 1)
                $0.changeCompactionInterval = .milliseconds(200)
            }
        ) { daemon in
            try await eventually("the first sync's events compacted to the newest") {
                try await daemon.store.compactedChangeSequence() >= 3
            }
            let kept = try await daemon.json("/api/v1/changes")
            #expect((kept["changes"]?.arrayValue ?? []).map { $0["type"] } == ["sync.succeeded"], "\(kept)")
            let gone = try await daemon.request(.GET, "/api/v1/changes?after=1")
            #expect(gone.status == 410 && gone.body.contains("no longer kept"), "\(gone.status) \(gone.body)")
            #expect(daemon.logs.all.contains { $0.contains("change log compacted") })
        }
    }

    @Test func theSyncTriggerNeedsTheToken() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")], apiToken: "s3cret-token") { daemon in
            try await eventually("the first scheduled sync") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.finishedAt != nil
            }
            let anonymous = try await daemon.request(.POST, "/api/v1/endpoints/alpha/sync")
            #expect(anonymous.status == 401 && anonymous.headers.first(name: "www-authenticate") == "Bearer")
            let wrong = try await daemon.request(.POST, "/api/v1/endpoints/alpha/sync", headers: [("Authorization", "Bearer s3cret-tokeN")])
            #expect(wrong.status == 401)
            let prefix = try await daemon.request(.POST, "/api/v1/endpoints/alpha/sync", headers: [("Authorization", "Bearer s3cret")])
            #expect(prefix.status == 401)
            let unknown = try await daemon.request(
                .POST, "/api/v1/endpoints/nope/sync", headers: [("Authorization", "Bearer s3cret-token")])
            #expect(unknown.status == 404)
            // Accepted once the scheduler has let go of the first run (until then: 409, already syncing).
            try await eventually("the trigger accepted") {
                try await daemon.request(.POST, "/api/v1/endpoints/alpha/sync", headers: [("Authorization", "Bearer s3cret-token")]).status
                    == 202
            }
            try await eventually("the triggered run") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 5).contains { $0.trigger == .api && $0.finishedAt != nil }
            }
            #expect(!daemon.logs.all.joined(separator: "\n").contains("s3cret"), "the token is never logged")
        }
    }

    @Test func withoutATokenTheTriggerIsDisabled() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")], apiToken: nil) { daemon in
            let response = try await daemon.request(.POST, "/api/v1/endpoints/alpha/sync", headers: [("Authorization", "Bearer anything")])
            #expect(response.status == 403 && response.body.contains("FILE_CONNECTOR_API_TOKEN"))
        }
    }

    @Test func metricsUseTheSpecNames() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")]) { daemon in
            try await eventually("the first scheduled sync") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.finishedAt != nil
            }
            daemon.daemon.metrics.apiResponse(provider: "google-drive", code: "429", duration: .milliseconds(30), retried: true)
            // The run is counted just after it is recorded in the store.
            try await eventually("the run counted") {
                try await daemon.request(.GET, "/metrics").body.contains("fileconnector_sync_runs_total{")
            }
            let response = try await daemon.request(.GET, "/metrics")
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.body
            for line in [
                #"fileconnector_reconciles_total{result="applied"} 1"#, "fileconnector_manifest_errors 0",
                #"fileconnector_endpoints{state="active"} 1"#, #"fileconnector_sync_runs_total{endpoint="alpha",status="succeeded"} 1"#,
                #"fileconnector_files{endpoint="alpha",state="present"} 1"#,
                #"fileconnector_files_changed_total{endpoint="alpha",change="created"} 1"#,
                "fileconnector_sync_duration_seconds_count 1", #"fileconnector_last_success_timestamp_seconds{endpoint="alpha"}"#,
                #"fileconnector_api_requests_total{provider="google-drive",code="429"} 1"#,
                #"fileconnector_api_retries_total{provider="google-drive"} 1"#, "fileconnector_api_request_duration_seconds_count 1",
                "fileconnector_change_events_sequence 4", "fileconnector_change_events_compacted_sequence 0",
                "process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ", "process_start_time_seconds ",
            ] {
                #expect(text.contains(line), "\(line) in the exposition")
            }
        }
    }

    /// The not-synced alert compares `time() - last success` with twice the schedule's gap: both come from the store,
    /// so a restarted daemon or another replica reports them without having run the sync itself.
    @Test func scheduleGaugesComeFromTheStore() async throws {
        let manual = localManifest("beta").replacingOccurrences(of: "interval: 1h", with: "manual: true")
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha"), "beta.yaml": manual]) { daemon in
            try await eventually("the first scheduled sync") {
                try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.status == .succeeded
            }
            let started = try #require(try await daemon.store.syncRuns(endpoint: "alpha", limit: 1).first?.startedAt)
            let another = try await DaemonMetrics().scrape(store: daemon.store)
            #expect(another.contains(#"fileconnector_sync_interval_seconds{endpoint="alpha"} 3600.0"#), "\(another)")
            #expect(!another.contains(#"fileconnector_sync_interval_seconds{endpoint="beta"}"#), "a manual endpoint has no interval")
            let line = try #require(
                another.split(separator: "\n").first { $0.hasPrefix(#"fileconnector_last_success_timestamp_seconds{endpoint="alpha"}"#) })
            let seconds = try #require(line.split(separator: " ").last.flatMap { Double($0) })
            #expect(abs(seconds - started.timeIntervalSince1970) < 0.001, "the stored run's start: \(line)")
            #expect(!another.contains(#"fileconnector_last_success_timestamp_seconds{endpoint="beta"}"#))

            // Retired (its manifest removed): both series go, so the not-synced alert cannot fire for it; and so do its
            // run and file counters and its file counts, which would otherwise pile up with every endpoint retired.
            try await eventually("the run counted") {
                try await daemon.daemon.metrics.scrape(store: daemon.store).contains(#"fileconnector_sync_runs_total{endpoint="alpha""#)
            }
            let before = try await daemon.daemon.metrics.scrape(store: daemon.store)
            let alphaSeries = [
                "fileconnector_sync_interval_seconds", "fileconnector_last_success_timestamp_seconds", "fileconnector_sync_runs_total",
                "fileconnector_files_changed_total", "fileconnector_files",
            ].map { $0 + #"{endpoint="alpha""# }
            for series in alphaSeries { #expect(before.contains(series), "\(series) before") }
            try FileManager.default.removeItem(atPath: daemon.manifests + "/alpha.yaml")
            try await eventually("alpha retired") { try await daemon.endpoint("alpha")?.state == .retired }
            let after = try await daemon.daemon.metrics.scrape(store: daemon.store)
            for series in alphaSeries { #expect(!after.contains(series), "\(series) after: \(after)") }
            #expect(after.contains(#"fileconnector_endpoints{state="retired"} 1"#), "\(after)")
        }
    }

    /// No route takes a body: one over 64 KiB is refused with 413 before anything else looks at the request.
    @Test func requestBodiesAreBounded() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")], apiToken: "s3cret") { daemon in
            let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
            let refused = try await daemon.request(
                .POST, "/api/v1/endpoints/alpha/sync", headers: [("Authorization", "Bearer s3cret")], body: big)
            #expect(refused.status == 413 && refused.body.contains("limited to 65536 bytes"), "\(refused)")
            let small = try await daemon.request(.GET, "/healthz", body: [UInt8]("{}".utf8))
            #expect(small.status == 200)
        }
    }
}
