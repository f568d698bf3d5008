-- Events, meeting places and news are searchable: their writes go to the search change log.
-- Equivalent to the SQLite migration of the same name.
CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION search_change('event', 'id');
CREATE TRIGGER meeting_places_search AFTER INSERT OR UPDATE OR DELETE ON meeting_places
    FOR EACH ROW EXECUTE FUNCTION search_change('meeting_place', 'id');
CREATE TRIGGER news_search AFTER INSERT OR UPDATE OR DELETE ON news
    FOR EACH ROW EXECUTE FUNCTION search_change('news', 'id');
