import ConnectorHTTP
import ConnectorProvider

/// Turns a 403/404 on the project's folders into a plain-words cause by asking, in order: does the app see any
/// hub (is it added under the account's Custom Integrations), is this hub among them, is this project in it,
/// and finally is the folder there. Costs at most two requests, only on failure.
struct AccessDiagnosis: Sendable {
    let api: DataManagementAPI
    let clientID: String

    static let provisioningHelp =
        "an ACC account admin must add the app's client id under Account Admin → Custom Integrations (BIM 360: Account Admin → Settings → Apps & Integrations / Custom Integrations) with access to Document Management"

    /// The cause of `refusal`, met while reading `folderID` (nil: the project's top folders).
    func explain(_ refusal: DataManagementAPI.Refusal, folderID: String?) async -> ProviderError {
        let detail = "[\(refusal.error)]"
        do {
            let hubs = try await api.get(api.apiRoot + "/project/v1/hubs", family: .hubs, as: JSONAPIList.self).data
            if hubs.isEmpty {
                return ProviderError(
                    .unauthorized,
                    "the APS app \(clientID) sees no hub (Autodesk returned an empty hub list): \(Self.provisioningHelp) \(detail)")
            }
            guard hubs.contains(where: { $0.id == api.hubID }) else {
                let seen = hubs.prefix(5).map(\.id).joined(separator: ", ")
                return ProviderError(
                    .notFound,
                    "hub \(api.hubID) is not among the hubs the APS app \(clientID) can see (\(seen)); the hub id is \"b.\" followed by the ACC account id, and \(Self.provisioningHelp) \(detail)"
                )
            }
            _ = try await api.get(api.projectPath, family: .project, as: JSONAPISingle.self)
        } catch let hubRefusal as DataManagementAPI.Refusal {
            if hubRefusal.error.status == 403, hubRefusal.error.path.hasSuffix("/hubs") {
                return ProviderError(
                    .unauthorized, "the APS app \(clientID) may not list hubs (403): \(Self.provisioningHelp) [\(hubRefusal.error)]")
            }
            return ProviderError(
                .notFound,
                "project \(api.projectID) was not found in hub \(api.hubID) or the APS app \(clientID) may not read it; the project id is \"b.\" followed by the ACC project id (from the project's URL in ACC), and the app needs Document Management access \(detail)"
            )
        } catch {
            return ProviderError(
                .unavailable, "Autodesk refused access to the project's folders and the cause could not be determined \(detail)")
        }
        if let folderID {
            return ProviderError(
                .notFound,
                "folder \(folderID) (autodeskAcc.folderIds) was not found in project \(api.projectID) or the APS app \(clientID) may not read it \(detail)"
            )
        }
        return ProviderError(.unauthorized, "the APS app \(clientID) may not read the top folders of project \(api.projectID) \(detail)")
    }
}
