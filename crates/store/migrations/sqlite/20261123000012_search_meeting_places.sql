-- Events, meeting places and news are searchable: their writes go to the search change log.
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('event', NEW.id);
END;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('event', NEW.id);
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('event', OLD.id);
END;
CREATE TRIGGER meeting_places_search_insert AFTER INSERT ON meeting_places BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('meeting_place', NEW.id);
END;
CREATE TRIGGER meeting_places_search_update AFTER UPDATE ON meeting_places BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('meeting_place', NEW.id);
END;
CREATE TRIGGER meeting_places_search_delete AFTER DELETE ON meeting_places BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('meeting_place', OLD.id);
END;
CREATE TRIGGER news_search_insert AFTER INSERT ON news BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('news', NEW.id);
END;
CREATE TRIGGER news_search_update AFTER UPDATE ON news BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('news', NEW.id);
END;
CREATE TRIGGER news_search_delete AFTER DELETE ON news BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('news', OLD.id);
END;
