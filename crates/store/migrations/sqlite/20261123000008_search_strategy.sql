-- Focus areas and measures of the strategy are searchable too: their writes go to the search change log.
CREATE TRIGGER focus_areas_search_insert AFTER INSERT ON focus_areas BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('focus_area', NEW.id);
END;
CREATE TRIGGER focus_areas_search_update AFTER UPDATE ON focus_areas BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('focus_area', NEW.id);
END;
CREATE TRIGGER focus_areas_search_delete AFTER DELETE ON focus_areas BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('focus_area', OLD.id);
END;
CREATE TRIGGER measures_search_insert AFTER INSERT ON measures BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('measure', NEW.id);
END;
CREATE TRIGGER measures_search_update AFTER UPDATE ON measures BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('measure', NEW.id);
END;
CREATE TRIGGER measures_search_delete AFTER DELETE ON measures BEGIN
    INSERT INTO search_changes (source, row_id) VALUES ('measure', OLD.id);
END;
-- A measure's text shows its responsible actor's name: renaming an actor re-indexes its measures.
CREATE TRIGGER actors_search_measures AFTER UPDATE OF name_sv, name_en ON actors BEGIN
    INSERT INTO search_changes (source, row_id) SELECT 'measure', id FROM measures WHERE responsible_id = NEW.id;
END;
