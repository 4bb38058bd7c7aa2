-- items of the ${owner}
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    owner VARCHAR(100),
    added_by VARCHAR(100)
);
