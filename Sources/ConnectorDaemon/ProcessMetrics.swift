import Foundation

/// The standard Prometheus process metrics (`process_cpu_seconds_total`, memory, open file descriptors, start time),
/// read from `/proc/self` at scrape time. Elsewhere than Linux the values that cannot be read are left out.
struct ProcessMetrics {
    var cpuSeconds: Double?
    var residentBytes: Double?
    var virtualBytes: Double?
    var openFileDescriptors: Int?
    var maxFileDescriptors: Int?
    var startTime: Double?

    /// The values now.
    static func current() -> ProcessMetrics {
        var metrics = ProcessMetrics()
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            // Fields after the command name, which may itself contain spaces and parentheses.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here (0-based: 11, 12).
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]), ticks > 0 {
                metrics.cpuSeconds = (user + system) / ticks
                if let started = Double(fields[19]), let boot = bootTime() { metrics.startTime = boot + started / ticks }
                metrics.virtualBytes = Double(fields[20])
                if let pages = Double(fields[21]) { metrics.residentBytes = pages * pageSize }
            }
        }
        metrics.openFileDescriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map { max(0, $0.count - 1) }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { metrics.maxFileDescriptors = Int(limit.rlim_cur) }
        return metrics
    }

    private static func bootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The metrics in the Prometheus text format.
    func exposition() -> String {
        var text = ""
        func add(_ name: String, _ type: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        add("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", cpuSeconds)
        add("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", residentBytes)
        add("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", virtualBytes)
        add("process_open_fds", "gauge", "Number of open file descriptors.", openFileDescriptors.map(Double.init))
        add("process_max_fds", "gauge", "Maximum number of open file descriptors.", maxFileDescriptors.map(Double.init))
        add("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", startTime)
        return text
    }
}
