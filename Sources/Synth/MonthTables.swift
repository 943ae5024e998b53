import Foundation

/// The six CSV tables of one month, laid out as StreamFlow's exports are: users,
/// subscriptions and labels in customer order, the aggregates sorted by `user_id`
/// (as a GROUP BY export would be), so readers must join by key rather than by position.
struct MonthTables {
    static let successMarker = "_SUCCESS"

    let users: [StreamFlowUser]
    let features: [MonthFeatures]
    let churned: [Bool]
    let conditions: MonthConditions

    /// `labelsLater`: the labels go into a folder of their own beside the month
    /// (`<month>.labels/labels.csv`, with its own `_SUCCESS`), as labels that land weeks later do.
    func write(to directory: URL, labelsLater: Bool = false) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let byID = users.indices.sorted { users[$0].id < users[$1].id }
        // Built and written one at a time: at a million rows each table is tens of megabytes.
        let files: [(String, () -> CSVTableWriter)] = [
            ("users", usersTable),
            ("subscriptions", subscriptionsTable),
            ("usage_agg_30d", { usageTable(order: byID) }),
            ("payments_agg_90d", { paymentsTable(order: byID) }),
            ("support_agg_90d", { supportTable(order: byID) }),
            ("labels", labelsTable),
        ]
        for (name, makeTable) in files {
            let folder = labelsLater && name == "labels" ? Self.labelsFolder(of: directory) : directory
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try makeTable().write(to: folder.appendingPathComponent(name + ".csv"))
        }
        try Data().write(to: directory.appendingPathComponent(Self.successMarker), options: .atomic)
        if labelsLater { try Data().write(to: Self.labelsFolder(of: directory).appendingPathComponent(Self.successMarker), options: .atomic) }
    }

    static func labelsFolder(of month: URL) -> URL {
        month.deletingLastPathComponent().appendingPathComponent(month.lastPathComponent + ExpectedOutcome.labelsSuffix)
    }

    private func usersTable() -> CSVTableWriter {
        var csv = CSVTableWriter(header: [
            "user_id", "signup_date", "user_gender", "user_is_senior", "has_family", "has_dependents",
        ])
        for u in users {
            csv.text(u.id)
            csv.text(u.signupDate)
            csv.text(u.isFemale ? "Female" : "Male")
            csv.boolean(u.isSenior)
            csv.boolean(u.hasFamily)
            csv.boolean(u.hasDependents)
            csv.endRow()
        }
        return csv
    }

    private func subscriptionsTable() -> CSVTableWriter {
        var header = [
            "user_id", "months_active", "plan_stream_tv", "plan_stream_movies", "contract_type",
            "paperless_billing", "monthly_fee", "total_paid", "net_service",
        ]
        if conditions.omitsMonthlyFee { header.removeAll { $0 == "monthly_fee" } }
        var csv = CSVTableWriter(header: header)
        for (u, f) in zip(users, features) {
            csv.text(u.id)
            csv.integer(f.monthsActive)
            optionalBoolean(u.streamsTV, into: &csv)
            optionalBoolean(u.streamsMovies, into: &csv)
            csv.text(f.contract.rawValue)
            csv.boolean(u.paperlessBilling)
            if !conditions.omitsMonthlyFee { csv.hundredths(hundredths(f.monthlyFee)) }
            if let paid = f.totalPaid { csv.hundredths(hundredths(paid)) } else { csv.null() }
            csv.text(u.netService.rawValue)
            csv.endRow()
        }
        return csv
    }

    private func usageTable(order: [Int]) -> CSVTableWriter {
        var csv = CSVTableWriter(header: [
            "user_id", "watch_hours_30d", "avg_session_mins_7d", "unique_devices_30d", "skips_7d",
            "rebuffer_events_7d",
        ])
        for i in order {
            let f = features[i]
            csv.text(users[i].id)
            if f.watchHoursIsNull { csv.null() } else { csv.hundredths(hundredths(f.watchHours)) }
            csv.hundredths(hundredths(f.sessionMinutes))
            csv.integer(f.devices)
            csv.integer(f.skips)
            csv.integer(f.rebufferEvents)
            csv.endRow()
        }
        return csv
    }

    private func paymentsTable(order: [Int]) -> CSVTableWriter {
        var csv = CSVTableWriter(header: ["user_id", "failed_payments_90d"])
        for i in order {
            csv.text(users[i].id)
            csv.integer(features[i].failedPayments)
            csv.endRow()
        }
        return csv
    }

    private func supportTable(order: [Int]) -> CSVTableWriter {
        var csv = CSVTableWriter(header: ["user_id", "support_tickets_90d", "ticket_avg_resolution_hrs_90d"])
        for i in order {
            csv.text(users[i].id)
            csv.integer(features[i].supportTickets)
            csv.hundredths(hundredths(features[i].resolutionHours))
            csv.endRow()
        }
        return csv
    }

    private func labelsTable() -> CSVTableWriter {
        var csv = CSVTableWriter(header: ["user_id", "churn_label"])
        for (u, churn) in zip(users, churned) {
            csv.text(u.id)
            csv.boolean(churn)
            csv.endRow()
        }
        return csv
    }

    private func optionalBoolean(_ value: Bool?, into csv: inout CSVTableWriter) {
        if let value { csv.boolean(value) } else { csv.null() }
    }
}
