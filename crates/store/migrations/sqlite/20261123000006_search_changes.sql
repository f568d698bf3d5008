-- The search index's change log: every insert, update or delete of a searchable row (or of its tags and
-- campuses) appends the row it concerns, so every server keeps its index current by reading the log.
-- `source` is actor, service, premises, or all (a tag or campus label changed: rebuild).
CREATE TABLE search_changes (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    row_id INTEGER NOT NULL
);

CREATE TRIGGER actors_search_insert AFTER INSERT ON actors BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', NEW.id);
END;
CREATE TRIGGER actors_search_update AFTER UPDATE ON actors BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', NEW.id);
END;
CREATE TRIGGER actors_search_delete AFTER DELETE ON actors BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', OLD.id);
END;
CREATE TRIGGER actor_tags_search_insert AFTER INSERT ON actor_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', NEW.actor_id);
END;
CREATE TRIGGER actor_tags_search_delete AFTER DELETE ON actor_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', OLD.actor_id);
END;
CREATE TRIGGER actor_campuses_search_insert AFTER INSERT ON actor_campuses BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', NEW.actor_id);
END;
CREATE TRIGGER actor_campuses_search_delete AFTER DELETE ON actor_campuses BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('actor', OLD.actor_id);
END;
CREATE TRIGGER services_search_insert AFTER INSERT ON services BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('service', NEW.id);
END;
CREATE TRIGGER services_search_update AFTER UPDATE ON services BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('service', NEW.id);
END;
CREATE TRIGGER services_search_delete AFTER DELETE ON services BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('service', OLD.id);
END;
CREATE TRIGGER service_tags_search_insert AFTER INSERT ON service_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('service', NEW.service_id);
END;
CREATE TRIGGER service_tags_search_delete AFTER DELETE ON service_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('service', OLD.service_id);
END;
CREATE TRIGGER premises_search_insert AFTER INSERT ON premises BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('premises', NEW.id);
END;
CREATE TRIGGER premises_search_update AFTER UPDATE ON premises BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('premises', NEW.id);
END;
CREATE TRIGGER premises_search_delete AFTER DELETE ON premises BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('premises', OLD.id);
END;
CREATE TRIGGER premises_tags_search_insert AFTER INSERT ON premises_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('premises', NEW.premises_id);
END;
CREATE TRIGGER premises_tags_search_delete AFTER DELETE ON premises_tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('premises', OLD.premises_id);
END;
CREATE TRIGGER tags_search_update AFTER UPDATE ON tags BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('all', 0);
END;
CREATE TRIGGER campuses_search_update AFTER UPDATE ON campuses BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('all', 0);
END;
