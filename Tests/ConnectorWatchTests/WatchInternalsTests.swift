#if canImport(Glibc)
    @testable import ConnectorWatch
    import Glibc
    import Testing

    /// The pure parts: inotify event parsing, what counts in a directory, path tidying, burst timing.
    @Suite struct WatchInternalsTests {
        /// Bytes of one `inotify_event` with `name` padded to `padded` bytes, as the kernel writes it.
        static func eventBytes(watch: Int32, mask: UInt32, cookie: UInt32 = 0, name: String, padded: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: cookie.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(padded).littleEndian) { bytes += $0 }
            let name = Array(name.utf8)
            return bytes + name + Array(repeating: 0, count: padded - name.count)
        }

        @Test func parsesEventsWithPaddedNamesAndWithout() {
            let bytes =
                Self.eventBytes(watch: 3, mask: UInt32(IN_MOVED_TO), cookie: 7, name: "..data", padded: 16)
                + Self.eventBytes(watch: 4, mask: UInt32(IN_DELETE_SELF), name: "", padded: 0)
                + Self.eventBytes(watch: 3, mask: UInt32(IN_CLOSE_WRITE), name: "app.yaml", padded: 32)
            let events = bytes.withUnsafeBytes { InotifyEvent.parse($0) }
            #expect(
                events == [
                    InotifyEvent(watch: 3, mask: UInt32(IN_MOVED_TO), cookie: 7, name: "..data"),
                    InotifyEvent(watch: 4, mask: UInt32(IN_DELETE_SELF), cookie: 0, name: ""),
                    InotifyEvent(watch: 3, mask: UInt32(IN_CLOSE_WRITE), cookie: 0, name: "app.yaml"),
                ])
        }

        @Test func parsingStopsAtATruncatedEvent() {
            let bytes = Self.eventBytes(watch: 1, mask: UInt32(IN_CREATE), name: "a.yaml", padded: 16)
            let events = Array(bytes.dropLast(4)).withUnsafeBytes { InotifyEvent.parse($0) }
            #expect(events.isEmpty)
        }

        @Test func overflowIsARescanAndAStructuralEvent() {
            var table = InotifyWatchTable()
            let overflow = InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW), cookie: 0, name: "")
            let meaning = table.absorb(overflow)
            #expect(meaning.event == WatchEvent(path: nil, kind: .overflow))
            #expect(meaning.structural)
            var burst = Burst(at: .now)
            burst.add([WatchEvent(path: nil, kind: .overflow)], at: .now)
            #expect(burst.eventsLost)
        }

        @Test func directoryInterestCountsVisibleNamesAndDotDotData() {
            let everything = DirectoryInterest.everything
            #expect(everything.matches("app.yaml"))
            #expect(everything.matches("app.yaml~"))
            #expect(everything.matches("..data"))
            #expect(!everything.matches(".app.yaml.swp"))
            #expect(!everything.matches("..data_tmp"))
            #expect(!everything.matches("..2026_11_29_03_00_00.123456789"))
            let key = DirectoryInterest.only(["app.yaml", "..data"])
            #expect(key.matches("app.yaml") && key.matches("..data"))
            #expect(!key.matches("other.yaml"))
            var merged = DirectoryInterest.only([".hidden.yaml"])
            merged.formUnion(.everything)
            #expect(merged.matches(".hidden.yaml") && merged.matches("x.yaml") && !merged.matches(".y"))
        }

        @Test func targetsAreAbsoluteAndTidy() {
            #expect(WatchTarget("manifests/", currentDirectory: "/srv").path == "/srv/manifests")
            #expect(WatchTarget("/etc//app/./x/../config.yaml").path == "/etc/app/config.yaml")
            #expect(WatchTarget("/").path == "/")
        }

        @Test func burstIsDueAfterQuietOrAtTheLatestAfterMaxDelay() {
            let start = ContinuousClock.now
            var burst = Burst(at: start)
            burst.add([.changed("/m/a.yaml")], at: start)
            #expect(burst.due(debounce: .milliseconds(200), maxDelay: .seconds(1)) == start + .milliseconds(200))
            burst.add([.changed("/m/a.yaml")], at: start + .milliseconds(150))
            #expect(burst.due(debounce: .milliseconds(200), maxDelay: .seconds(1)) == start + .milliseconds(350))
            burst.add([.changed("/m/b.yaml")], at: start + .milliseconds(950))
            #expect(burst.due(debounce: .milliseconds(200), maxDelay: .seconds(1)) == start + .seconds(1))
            #expect(burst.count == 3)
            #expect(burst.paths == ["/m/a.yaml", "/m/b.yaml"])
        }

        @Test func planWatchesParentsAndSkipsHiddenDirectories() throws {
            let fixture = try WatchFixture()
            try fixture.makeDirectory("m/sub")
            try fixture.makeDirectory("m/.git/objects")
            try fixture.write("m/app.yaml", "a")
            let plan = WatchPlan(targets: [WatchTarget(fixture.path("m")), WatchTarget(fixture.path("missing/deeper/x.yaml"))])
            #expect(Set(plan.directories.keys) == [fixture.root, fixture.path("m"), fixture.path("m/sub")])
            #expect(plan.directories[fixture.root]?.interest == .only(["m", "missing"]))
            #expect(plan.directories[fixture.path("m/sub")]?.interest == .everything)
        }
    }
#endif
