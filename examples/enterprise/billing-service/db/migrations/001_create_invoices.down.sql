DROP TABLE invoices;
DROP TYPE invoice_status;
