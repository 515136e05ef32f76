throw new Error('module body throws');
