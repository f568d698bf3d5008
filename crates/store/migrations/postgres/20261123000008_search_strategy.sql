-- Focus areas and measures of the strategy are searchable too: their writes go to the search change log.
-- Equivalent to the SQLite migration of the same name.
CREATE TRIGGER focus_areas_search AFTER INSERT OR UPDATE OR DELETE ON focus_areas
    FOR EACH ROW EXECUTE FUNCTION search_change('focus_area', 'id');
CREATE TRIGGER measures_search AFTER INSERT OR UPDATE OR DELETE ON measures
    FOR EACH ROW EXECUTE FUNCTION search_change('measure', 'id');

-- A measure's text shows its responsible actor's name: renaming an actor re-indexes its measures.
CREATE FUNCTION search_change_measures_of_actor() RETURNS trigger AS $$
BEGIN
    INSERT INTO search_changes (source, row_id) SELECT 'measure', id FROM measures WHERE responsible_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER actors_search_measures AFTER UPDATE OF name_sv, name_en ON actors
    FOR EACH ROW EXECUTE FUNCTION search_change_measures_of_actor();
