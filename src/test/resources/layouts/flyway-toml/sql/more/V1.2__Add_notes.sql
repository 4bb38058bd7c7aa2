ALTER TABLE ${flyway:defaultSchema}.items ADD COLUMN notes VARCHAR(100);
