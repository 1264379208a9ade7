import ConnectorHTTP
import ConnectorJSON
import ConnectorJSONSchema
import FakeAutodeskAPS
import Foundation
import Testing

/// The fake's responses validate against the response schemas of the APS OpenAPI files.
@Suite struct OpenAPIConformanceTests {
    @Test(.timeLimit(.minutes(2)))
    func responsesMatchTheOpenAPISchemas() async throws {
        let dataManagement = try OpenAPISchemas(file: "aps-datamanagement.openapi.yaml")
        let authentication = try OpenAPISchemas(file: "aps-authentication.openapi.yaml")
        var shape = FakeACCProject.Shape(items: 80)
        shape.depth = 1
        try await ACCTestBed.run(shape: shape) { bed in
            let aps = bed.aps
            let base = bed.server.baseURL
            let basic = "Basic " + Data("\(aps.configuration.clientID):\(aps.configuration.clientSecret)".utf8).base64EncodedString()
            let tokenResponse = try await bed.client.send(
                HTTPRequestSpec(
                    method: .POST, url: base + "/authentication/v2/token",
                    headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", basic)],
                    body: Array("grant_type=client_credentials&scope=data%3Aread".utf8)),
                context: .init())
            try Self.expectValid(tokenResponse, against: authentication.validator("twoLeggedToken"), "token")
            let token = try #require(JSONParser.parseValue(tokenResponse.bodyText)["access_token"]?.stringValue)

            let folder = aps.topFolderIDs[0]
            let item = try #require(aps.visibleItemIDs.first)
            let encode = { (id: String) in id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id }
            let project = "/project/v1/hubs/\(aps.hubID)/projects/\(aps.projectID)"
            let data = "/data/v1/projects/\(aps.projectID)"
            let cases: [(String, String)] = [
                ("/project/v1/hubs", "Hubs"), ("/project/v1/hubs/\(aps.hubID)", "Hub"),
                ("/project/v1/hubs/\(aps.hubID)/projects", "Projects"),
                (project, "Project"), (project + "/topFolders", "TopFolders"), (data + "/folders/\(encode(folder))", "Folder"),
                (data + "/folders/\(encode(folder))/contents?page%5Blimit%5D=5", "FolderContents"),
                (data + "/folders/\(encode(folder))/contents?filter%5Btype%5D=items&includeHidden=true", "FolderContents"),
                (data + "/items/\(encode(item))", "Item"), (data + "/items/\(encode(item))/tip", "ItemTip"),
                (data + "/items/\(item)/versions", "Versions"),
            ]
            // A control: the validator does reject a folder without its required attributes.
            let broken = try JSONParser.parseValue(
                #"{"jsonapi":{"version":"1.0"},"links":{"self":{"href":"/x"}},"data":{"type":"folders","id":"f","attributes":{"name":"A"},"links":{"self":{"href":"/x"}},"relationships":{}}}"#
            )
            #expect(!(try dataManagement.validator("Folder").validate(broken)).isEmpty)
            for (path, schema) in cases {
                let response = try await bed.client.send(
                    HTTPRequestSpec(url: base + path, headers: [("Authorization", "Bearer " + token)]), context: .init())
                #expect(response.status == 200, "\(path)")
                #expect(response.header("Content-Type") == "application/vnd.api+json", "\(path)")
                try Self.expectValid(response, against: dataManagement.validator(schema), path)
            }
        }
    }

    static func expectValid(_ response: HTTPResponseData, against validator: JSONSchemaValidator, _ what: String) throws {
        let instance = try JSONParser.parseValue(response.bodyText)
        let errors = validator.validate(instance)
        #expect(errors.isEmpty, "\(what): \(errors.prefix(3).map(\.description))")
    }
}
