/// How a full listing that reached its last page ends
/// (``SyncJournal/completeListing(endpoint:listingStartedAt:ending:cursor:at:correlationID:)``).
public enum ListingEnding: Sendable, Equatable {
    /// The provider vouched for the listing: every present file neither written nor sighted since its start is
    /// removed, and the folders not seen since then are forgotten.
    case sweep
    /// As ``sweep``, for a listing that began while the endpoint had no file in the catalog (a first sync): every
    /// present file was written by the listing itself, so none can be unseen, and the endpoint's files are not read
    /// to look for any (on SQLite about a tenth of a second for 100,000 files of a kilobyte and a half).
    case sweepAfterEmptyStart
    /// The provider could not vouch for the listing: nothing is removed or forgotten, and each file the listing
    /// sighted is marked seen at its start.
    case keepUnseen
}
